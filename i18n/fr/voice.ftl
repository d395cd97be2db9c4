# Spoken sentences of the kiosk's voice, French (espeak-ng voice fr).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/fr/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Code vert, vous pouvez passer.
yellow = Code jaune.
red = Code rouge, entrée interdite.
grey = Votre code n'a pas pu être vérifié.
see-staff = Veuillez vous adresser au personnel.
prompt = Veuillez présenter votre code.
not-recognised = Code non reconnu, veuillez réessayer.
show-live-code = Montrez le code en direct sur votre téléphone, pas une capture d'écran.
code-expired = Ce code a expiré, veuillez l'actualiser sur votre téléphone.
not-verified = Ce code ne peut pas être vérifié.
kiosk-unavailable = Cette borne ne peut pas vérifier les codes pour le moment.
test-missing = Un résultat de test est requis ici.
test-too-old = Votre test est trop ancien pour ce lieu.
vaccination-incomplete = Votre vaccination est insuffisante pour ce lieu.
revoked = Ce code a été révoqué.
colour-changed = La couleur de votre code a changé.
aim-hold-still = Ne bougez plus le code, s'il vous plaît.
aim-move-closer = Approchez le code, s'il vous plaît.
aim-glare = Inclinez le code pour éviter le reflet.
