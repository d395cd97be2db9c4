# HealthGate screen text, Italian (it). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Mostri il suo codice
scan-hint = Avvicini il codice QR alla telecamera
scan-chunks = Parti lette: { $have } di { $total }. Mostri la parte successiva
aim-hold-still = Codice visto: tienilo fermo
aim-move-closer = Codice visto: avvicinalo
aim-glare = Codice visto: inclinalo contro il riflesso
scan-language = Lingua
care-mode = Testo grande
care-mode-off = Testo normale
rules-synced = Regole aggiornate { $age }
rules-offline = Offline da { $time }
rules-stale = Regole quasi scadute: sincronizzare presto
rules-outdated = Regole scadute: rivolgersi al personale
rules-none = Nessuna regola installata: rivolgersi al personale
camera-ready = Telecamera pronta
camera-starting = Avvio della telecamera…
camera-none = Nessuna telecamera: usare il lettore
camera-lost = Telecamera scollegata, riconnessione…
camera-busy = Telecamera occupata da un altro programma
camera-demo = Telecamera demo: immagini registrate
demo-banner = DEMO
demo-offer = Avvia la demo
demo-note = Solo codici dimostrativi. Non per un vero ingresso.

## Verdict screen: the large word, and one line under it
verdict-green = VIA LIBERA
verdict-yellow = RIVOLGERSI AL PERSONALE
verdict-red = ALT
verdict-grey = NON VERIFICATO
verdict-green-line = Prego, può entrare
verdict-yellow-line = Si rivolga a un membro del personale
verdict-red-line = Non può entrare
verdict-grey-line = Non è stato possibile verificare il codice
label-name = Nome
label-id = Documento
label-test = Ultimo test
label-vaccination = Vaccinazione
label-checked-at = Verificato alle
test-negative = Negativo, { $time }
test-positive = Positivo, { $time }
test-none = Nessuno
vaccination-doses = { $doses ->
        [one] { $doses } dose
       *[other] { $doses } dosi
    }, l’ultima il { $date }
vaccination-none = Nessuna
label-born = Nato/a nel { $year }
label-issued-in = Rilasciato in { $country }
vaccination-dose-of = dose { $dose } di { $series }, { $date }
label-recovery = Guarigione
recovery-valid-until = valido fino al { $date }
label-rule = Regola { $id }
back-to-scan = Persona successiva

## Reasons, in plain language
reason-malformed = Il codice è danneggiato o incompleto
reason-format-unsupported = Questo tipo di codice non è accettato qui
reason-version-unsupported = Questo codice è troppo recente per questo terminale
reason-proof-missing = Mostri il codice dinamico dal telefono
reason-issuer-unknown = L’emittente del codice non è riconosciuto
reason-key-unknown = La chiave di firma del codice non è riconosciuta
reason-key-not-valid = Il codice è stato firmato con una chiave scaduta
reason-signature-invalid = La firma del codice non è valida
reason-credential-too-long = La validità del codice è troppo lunga
reason-credential-not-yet-valid = Il codice non è ancora valido
reason-credential-expired = Il codice è scaduto: lo aggiorni
reason-date-impossible = Il codice contiene una data impossibile
reason-clock-behind = L’orologio del terminale è sbagliato: rivolgersi al personale
reason-schema-invalid = Il contenuto del certificato non ha la forma prevista
reason-key-usage-invalid = Il firmatario non può firmare questo tipo di certificato
reason-proof-invalid = Il codice non è stato mostrato dal telefono del titolare
reason-proof-stale = Il codice non è aggiornato: lo aggiorni
reason-proof-replayed = Questo codice è già stato mostrato: lo aggiorni
reason-rules-outdated = Le regole del terminale sono scadute
reason-policy-error = Non è stato possibile applicare le regole del luogo
reason-code-yellow = Il suo codice sanitario è giallo
reason-code-red = Il suo codice sanitario è rosso
reason-revoked = Questo codice è stato revocato
reason-test-missing = Qui è richiesto un test
reason-test-too-old = Il suo test è troppo vecchio per questo luogo
reason-test-positive = Il suo ultimo test è risultato positivo
reason-vaccination-incomplete = Qui sono richieste altre dosi di vaccino
reason-rule-failed = Una regola di questo luogo non è rispettata
reason-colour-override = Il colore del suo codice è stato aggiornato
reason-rules-stale = Le regole del terminale vanno aggiornate presto

## Staff screen
staff-open = Personale
staff-title = Impostazioni del personale
pin-prompt = Inserire il PIN del personale
pin-wrong = PIN errato. { $left ->
        [one] Resta { $left } tentativo
       *[other] Restano { $left } tentativi
    }
pin-locked = Bloccato per { $minutes } min dopo troppi PIN errati
pin-ok = OK
pin-clear = Cancella
pin-new = Scegli un nuovo PIN del personale
pin-new-again = Digita di nuovo il nuovo PIN
pin-factory = Il PIN di fabbrica non può restare su un terminale con regole reali: scegli prima un nuovo PIN
pin-new-invalid = Un nuovo PIN ha almeno 4 cifre e non è 000000
pin-new-mismatch = I due PIN sono diversi: scegli di nuovo il nuovo PIN
staff-close = Chiudi
staff-rules = Regole
staff-bundle = Pacchetto { $authority }, versione { $version }, emesso { $time }
staff-bundle-none = Nessun pacchetto di regole
staff-last-sync = Ultima sincronizzazione: { $result }, { $time }
staff-never-synced = Mai sincronizzato
staff-clock-behind = L’orologio segna { $now }, prima di { $mark }, un’ora già vista dal terminale: tutti i codici sono grigi finché l’orologio non viene corretto
sync-installed = nuove regole installate
sync-unchanged = nessuna regola più recente
sync-refused = regole rifiutate
sync-failed = non riuscita
staff-sync-now = Sincronizza ora
staff-syncing = Sincronizzazione…
staff-sync-off = Questo chiosco non si sincronizza: nessun indirizzo delle regole ([bundle] url)
staff-camera = Telecamera
staff-brightness = Luminosità
staff-exposure = Esposizione
staff-auto = Auto
staff-venue = Luogo
staff-country = Paese del luogo: { $country }, { $rules ->
        [one] { $rules } regola nazionale
       *[other] { $rules } regole nazionali
    } per EU DCC nel pacchetto
staff-country-none = Paese del luogo: non impostato, quindi gli EU DCC sono verificati senza regole nazionali
staff-default-language = Lingua predefinita
staff-volume = Volume
staff-care-default = Testo grande come predefinito
staff-auto-return = Torna alla scansione dopo { $seconds } s
staff-records = Verifiche recenti
staff-filter-all = Tutte
staff-format-all = Tutti i codici
format-hgc1 = Codice sanitario
format-dcc = Certificato UE (DCC)
format-shc = SMART Health Card
staff-export = Esporta CSV
staff-exported = Esportato in { $file }
staff-counts = Verifiche per ora
staff-records-warning = Registro: { $warning }
staff-settings-kept = Le modifiche sono salvate in questo file:
staff-settings-not-kept = Le modifiche valgono fino al riavvio
staff-settings-failed = Impossibile salvare questa modifica: { $error }
staff-fullscreen = Esci da schermo intero
staff-quit = Esci da HealthGate
on = Attivo
off = Disattivo

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] gen
         [2] feb
         [3] mar
         [4] apr
         [5] mag
         [6] giu
         [7] lug
         [8] ago
         [9] set
         [10] ott
         [11] nov
        *[12] dic
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = proprio ora
age-minutes = { $n } min fa
age-hours = { $n } h fa
age-days = { $n } { $n ->
        [one] giorno
       *[other] giorni
    } fa
