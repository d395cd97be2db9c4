# HealthGate screen text, German (de). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Zeigen Sie Ihren Code
scan-hint = Halten Sie den QR-Code vor die Kamera
scan-chunks = { $have } von { $total } Teilen gelesen: bitte den nächsten Teil zeigen
aim-hold-still = Code erkannt: bitte still halten
aim-move-closer = Code erkannt: bitte näher heranhalten
aim-glare = Code erkannt: gegen die Spiegelung neigen
scan-language = Sprache
care-mode = Große Schrift
care-mode-off = Normale Schrift
rules-synced = Regeln { $age } aktualisiert
rules-offline = Offline seit { $time }
rules-stale = Regeln veralten: bald synchronisieren
rules-outdated = Regeln veraltet: bitte Personal fragen
rules-none = Keine Regeln installiert: bitte Personal fragen
camera-ready = Kamera bereit
camera-starting = Kamera wird gestartet…
camera-none = Keine Kamera: bitte Scanner benutzen
camera-lost = Kamera getrennt, verbinde erneut…
camera-busy = Kamera belegt: ein anderes Programm nutzt sie
camera-demo = Demo-Kamera: abgespielte Bilder
demo-banner = DEMO
demo-offer = Demo starten
demo-note = Nur Demo-Codes. Nicht für einen echten Eingang.

## Verdict screen: the large word, and one line under it
verdict-green = EINLASS
verdict-yellow = PERSONAL FRAGEN
verdict-red = STOPP
verdict-grey = NICHT PRÜFBAR
verdict-green-line = Bitte treten Sie ein
verdict-yellow-line = Bitte wenden Sie sich an das Personal
verdict-red-line = Kein Zutritt
verdict-grey-line = Der Code konnte nicht geprüft werden
label-name = Name
label-id = Ausweis
label-test = Letzter Test
label-vaccination = Impfung
label-checked-at = Geprüft um
test-negative = Negativ, { $time }
test-positive = Positiv, { $time }
test-none = Keiner
vaccination-doses = { $doses ->
        [one] { $doses } Dosis
       *[other] { $doses } Dosen
    }, zuletzt am { $date }
vaccination-none = Keine
label-born = Geboren { $year }
label-issued-in = Ausgestellt in { $country }
vaccination-dose-of = Dosis { $dose } von { $series }, { $date }
label-recovery = Genesung
recovery-valid-until = gültig bis { $date }
label-rule = Regel { $id }
back-to-scan = Nächste Person

## Reasons, in plain language
reason-malformed = Der Code ist beschädigt oder unvollständig
reason-format-unsupported = Diese Art von Code wird hier nicht angenommen
reason-version-unsupported = Dieser Code ist zu neu für dieses Terminal
reason-proof-missing = Zeigen Sie den Live-Code auf Ihrem Handy
reason-issuer-unknown = Der Aussteller des Codes ist unbekannt
reason-key-unknown = Der Signaturschlüssel des Codes ist unbekannt
reason-key-not-valid = Der Code wurde mit einem abgelaufenen Schlüssel signiert
reason-signature-invalid = Die Signatur des Codes ist ungültig
reason-credential-too-long = Der Code ist zu lange gültig
reason-credential-not-yet-valid = Der Code ist noch nicht gültig
reason-credential-expired = Der Code ist abgelaufen: bitte aktualisieren
reason-date-impossible = Der Code enthält ein unmögliches Datum
reason-clock-behind = Die Uhr des Terminals geht falsch: bitte wenden Sie sich an das Personal
reason-schema-invalid = Der Inhalt des Zertifikats hat nicht die erwartete Form
reason-key-usage-invalid = Der Aussteller darf diese Art Zertifikat nicht signieren
reason-proof-invalid = Der Code wurde nicht vom Handy seines Inhabers gezeigt
reason-proof-stale = Der Code ist nicht aktuell: bitte aktualisieren
reason-proof-replayed = Dieser Code wurde schon gezeigt: bitte aktualisieren
reason-rules-outdated = Die Regeln des Terminals sind veraltet
reason-policy-error = Die Regeln dieses Ortes konnten nicht angewendet werden
reason-code-yellow = Ihr Gesundheitscode ist gelb
reason-code-red = Ihr Gesundheitscode ist rot
reason-revoked = Dieser Code wurde widerrufen
reason-test-missing = Hier ist ein Test erforderlich
reason-test-too-old = Ihr Test ist für diesen Ort zu alt
reason-test-positive = Ihr letzter Test war positiv
reason-vaccination-incomplete = Hier sind weitere Impfungen erforderlich
reason-rule-failed = Eine Regel dieses Ortes ist nicht erfüllt
reason-colour-override = Die Farbe Ihres Codes wurde geändert
reason-rules-stale = Die Regeln des Terminals brauchen bald ein Update

## Staff screen
staff-open = Personal
staff-title = Einstellungen für Personal
pin-prompt = Personal-PIN eingeben
pin-wrong = Falsche PIN. { $left ->
        [one] Noch { $left } Versuch
       *[other] Noch { $left } Versuche
    }
pin-locked = Nach zu vielen falschen PINs für { $minutes } Min. gesperrt
pin-ok = OK
pin-clear = Löschen
pin-new = Wählen Sie eine neue Personal-PIN
pin-new-again = Geben Sie die neue PIN noch einmal ein
pin-factory = Die Werks-PIN darf auf einem Terminal mit echten Regeln nicht bleiben: wählen Sie zuerst eine neue PIN
pin-new-invalid = Eine neue PIN hat mindestens 4 Ziffern und ist nicht 000000
pin-new-mismatch = Die beiden PINs stimmen nicht überein: wählen Sie die neue PIN noch einmal
staff-close = Schließen
staff-rules = Regeln
staff-bundle = Regelpaket { $authority }, Version { $version }, ausgestellt { $time }
staff-bundle-none = Kein Regelpaket
staff-last-sync = Letzte Synchronisierung: { $result }, { $time }
staff-never-synced = Nie synchronisiert
staff-clock-behind = Die Uhr zeigt { $now }, früher als { $mark }, eine Zeit, die das Terminal schon gesehen hat: Bis die Uhr richtig gestellt ist, ist jeder Code grau
sync-installed = neue Regeln installiert
sync-unchanged = keine neueren Regeln
sync-refused = Regeln abgelehnt
sync-failed = fehlgeschlagen
staff-sync-now = Jetzt synchronisieren
staff-syncing = Synchronisierung läuft…
staff-sync-off = Dieser Kiosk synchronisiert nicht: keine Regeladresse ([bundle] url) gesetzt
staff-camera = Kamera
staff-brightness = Helligkeit
staff-exposure = Belichtung
staff-auto = Auto
staff-venue = Ort
staff-country = Land des Ortes: { $country }, { $rules ->
        [one] { $rules } Länderregel
       *[other] { $rules } Länderregeln
    } für EU DCC im Regelpaket
staff-country-none = Land des Ortes: nicht gesetzt, daher werden EU DCC ohne Länderregeln geprüft
staff-default-language = Standardsprache
staff-volume = Lautstärke
staff-care-default = Standardmäßig große Schrift
staff-auto-return = Nach { $seconds } s zurück zum Scannen
staff-records = Letzte Prüfungen
staff-filter-all = Alle
staff-format-all = Alle Codes
format-hgc1 = Gesundheitscode
format-dcc = EU-Zertifikat (DCC)
format-shc = SMART Health Card
staff-export = CSV exportieren
staff-exported = Exportiert nach { $file }
staff-counts = Prüfungen pro Stunde
staff-records-warning = Protokoll: { $warning }
staff-settings-kept = Änderungen werden in dieser Datei gespeichert:
staff-settings-not-kept = Änderungen gelten bis zum Neustart
staff-settings-failed = Diese Änderung konnte nicht gespeichert werden: { $error }
staff-fullscreen = Vollbild verlassen
staff-quit = HealthGate beenden
on = Ein
off = Aus

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] Jan.
         [2] Feb.
         [3] März
         [4] Apr.
         [5] Mai
         [6] Juni
         [7] Juli
         [8] Aug.
         [9] Sept.
         [10] Okt.
         [11] Nov.
        *[12] Dez.
    }
date-time-short = { $day }. { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = gerade eben
age-minutes = vor { $n } Min.
age-hours = vor { $n } Std.
age-days = vor { $n } { $n ->
        [one] Tag
       *[other] Tagen
    }
