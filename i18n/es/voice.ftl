# Spoken sentences of the kiosk's voice, Spanish (espeak-ng voice es).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/es/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Código verde, puede pasar.
yellow = Código amarillo.
red = Código rojo, no puede entrar.
grey = No se ha podido verificar su código.
see-staff = Por favor, diríjase al personal.
prompt = Por favor, muestre su código.
not-recognised = Código no reconocido, inténtelo de nuevo.
show-live-code = Muestre el código en vivo de su teléfono, no una captura de pantalla.
code-expired = Este código ha caducado, actualícelo en su teléfono.
not-verified = Este código no se puede verificar.
kiosk-unavailable = Este terminal no puede verificar códigos en este momento.
test-missing = Aquí se necesita un resultado de prueba.
test-too-old = Su prueba es demasiado antigua para este lugar.
vaccination-incomplete = Su vacunación no es suficiente para este lugar.
revoked = Este código ha sido revocado.
colour-changed = El color de su código ha cambiado.
aim-hold-still = Mantenga el código quieto, por favor.
aim-move-closer = Acerque más el código, por favor.
aim-glare = Incline el código para evitar el reflejo.
