# HealthGate screen text, French (fr). Same keys as ../en/ui.ftl.
# The space before ":" is a no-break space (U+00A0), as French typography wants.

app-title = HealthGate

## Scan screen
scan-prompt = Présentez votre code
scan-hint = Placez le QR code face à la caméra
scan-chunks = Parties lues : { $have } sur { $total }. Montrez la partie suivante
aim-hold-still = Code repéré : ne bougez plus
aim-move-closer = Code repéré : approchez-le
aim-glare = Code repéré : inclinez-le contre le reflet
scan-language = Langue
care-mode = Grands caractères
care-mode-off = Taille normale
rules-synced = Règles mises à jour { $age }
rules-offline = Hors ligne depuis { $time }
rules-stale = Règles bientôt périmées : synchronisez
rules-outdated = Règles périmées : adressez-vous au personnel
rules-none = Aucune règle installée : adressez-vous au personnel
camera-ready = Caméra prête
camera-starting = Démarrage de la caméra…
camera-none = Pas de caméra : utilisez le lecteur
camera-lost = Caméra déconnectée, reconnexion…
camera-busy = Caméra occupée par un autre programme
camera-demo = Caméra de démo : images rejouées
demo-banner = DÉMO
demo-offer = Lancer la démo
demo-note = Codes de démonstration uniquement. Pas pour un vrai contrôle d’accès.

## Verdict screen: the large word, and one line under it
verdict-green = ACCÈS AUTORISÉ
verdict-yellow = VOIR LE PERSONNEL
verdict-red = ACCÈS REFUSÉ
verdict-grey = NON VÉRIFIÉ
verdict-green-line = Vous pouvez entrer
verdict-yellow-line = Adressez-vous à un membre du personnel
verdict-red-line = Vous ne pouvez pas entrer
verdict-grey-line = Le code n’a pas pu être vérifié
label-name = Nom
label-id = Pièce d’identité
label-test = Dernier test
label-vaccination = Vaccination
label-checked-at = Contrôlé à
test-negative = Négatif, { $time }
test-positive = Positif, { $time }
test-none = Aucun
vaccination-doses = { $doses ->
        [one] { $doses } dose
       *[other] { $doses } doses
    }, la dernière le { $date }
vaccination-none = Aucune
label-born = Né(e) en { $year }
label-issued-in = Délivré en/au { $country }
vaccination-dose-of = dose { $dose } sur { $series }, { $date }
label-recovery = Rétablissement
recovery-valid-until = valable jusqu'au { $date }
label-rule = Règle { $id }
back-to-scan = Personne suivante

## Reasons, in plain language
reason-malformed = Le code est abîmé ou incomplet
reason-format-unsupported = Ce type de code n’est pas accepté ici
reason-version-unsupported = Ce code est trop récent pour cette borne
reason-proof-missing = Montrez le code dynamique de votre téléphone
reason-issuer-unknown = L’émetteur du code n’est pas reconnu
reason-key-unknown = La clé de signature du code n’est pas reconnue
reason-key-not-valid = Le code a été signé avec une clé expirée
reason-signature-invalid = La signature du code n’est pas valide
reason-credential-too-long = La durée de validité du code est trop longue
reason-credential-not-yet-valid = Le code n’est pas encore valide
reason-credential-expired = Le code a expiré : actualisez-le
reason-date-impossible = Le code contient une date impossible
reason-clock-behind = L’horloge de la borne est fausse : adressez-vous au personnel
reason-schema-invalid = Le contenu du certificat n'a pas la forme attendue
reason-key-usage-invalid = Le signataire ne peut pas signer ce type de certificat
reason-proof-invalid = Le code n’a pas été présenté par le téléphone de son titulaire
reason-proof-stale = Le code n’est pas à jour : actualisez-le
reason-proof-replayed = Ce code a déjà été présenté : actualisez-le
reason-rules-outdated = Les règles de la borne sont périmées
reason-policy-error = Les règles du lieu n’ont pas pu être appliquées
reason-code-yellow = Votre code sanitaire est jaune
reason-code-red = Votre code sanitaire est rouge
reason-revoked = Ce code a été révoqué
reason-test-missing = Un test est exigé ici
reason-test-too-old = Votre test est trop ancien pour ce lieu
reason-test-positive = Votre dernier test était positif
reason-vaccination-incomplete = Une vaccination plus complète est exigée ici
reason-rule-failed = Une règle de ce lieu n’est pas respectée
reason-colour-override = La couleur de votre code a changé
reason-rules-stale = Les règles de la borne devront bientôt être mises à jour

## Staff screen
staff-open = Personnel
staff-title = Réglages du personnel
pin-prompt = Saisissez le code PIN du personnel
pin-wrong = Code PIN erroné. { $left ->
        [one] { $left } essai restant
       *[other] { $left } essais restants
    }
pin-locked = Verrouillé { $minutes } min après trop de codes erronés
pin-ok = OK
pin-clear = Effacer
pin-new = Choisissez un nouveau code PIN du personnel
pin-new-again = Saisissez à nouveau le nouveau code PIN
pin-factory = Le code PIN d’usine ne peut pas rester sur une borne aux règles réelles : choisissez d’abord un nouveau code
pin-new-invalid = Un nouveau code PIN a au moins 4 chiffres et n’est pas 000000
pin-new-mismatch = Les deux codes PIN diffèrent : choisissez à nouveau le nouveau code
staff-close = Fermer
staff-rules = Règles
staff-bundle = Paquet { $authority }, version { $version }, émis le { $time }
staff-bundle-none = Aucun paquet de règles
staff-last-sync = Dernière synchronisation : { $result }, { $time }
staff-never-synced = Jamais synchronisé
staff-clock-behind = L’horloge indique { $now }, avant { $mark }, une heure déjà vue par la borne : tous les codes sont gris tant que l’horloge n’est pas corrigée
sync-installed = nouvelles règles installées
sync-unchanged = pas de règles plus récentes
sync-refused = règles refusées
sync-failed = échec
staff-sync-now = Synchroniser
staff-syncing = Synchronisation…
staff-sync-off = Cette borne ne se synchronise pas : aucune adresse de règles ([bundle] url) n’est définie
staff-camera = Caméra
staff-brightness = Luminosité
staff-exposure = Exposition
staff-auto = Auto
staff-venue = Lieu
staff-country = Pays du lieu : { $country }, { $rules ->
        [one] { $rules } règle nationale
       *[other] { $rules } règles nationales
    } pour les EU DCC dans le paquet
staff-country-none = Pays du lieu : non défini, les EU DCC sont donc contrôlés sans règles nationales
staff-default-language = Langue par défaut
staff-volume = Volume
staff-care-default = Grands caractères par défaut
staff-auto-return = Retour au scan après { $seconds } s
staff-records = Contrôles récents
staff-filter-all = Tous
staff-format-all = Tous les codes
format-hgc1 = Code santé
format-dcc = Certificat UE (DCC)
format-shc = SMART Health Card
staff-export = Exporter en CSV
staff-exported = Exporté vers { $file }
staff-counts = Contrôles par heure
staff-records-warning = Registre : { $warning }
staff-settings-kept = Les changements sont gardés dans ce fichier :
staff-settings-not-kept = Les changements durent jusqu’au redémarrage
staff-settings-failed = Ce changement n’a pas pu être gardé : { $error }
staff-fullscreen = Quitter le plein écran
staff-quit = Quitter HealthGate
on = Activé
off = Désactivé

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] janv.
         [2] févr.
         [3] mars
         [4] avr.
         [5] mai
         [6] juin
         [7] juil.
         [8] août
         [9] sept.
         [10] oct.
         [11] nov.
        *[12] déc.
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = à l’instant
age-minutes = il y a { $n } min
age-hours = il y a { $n } h
age-days = il y a { $n } { $n ->
        [one] jour
       *[other] jours
    }
