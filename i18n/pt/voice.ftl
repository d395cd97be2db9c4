# Spoken sentences of the kiosk's voice, Portuguese, Brazilian usage (espeak-ng voice pt-br).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/pt/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Código verde, pode passar.
yellow = Código amarelo.
red = Código vermelho, entrada proibida.
grey = Não foi possível verificar seu código.
see-staff = Por favor, procure um funcionário.
prompt = Por favor, mostre seu código.
not-recognised = Código não reconhecido, tente novamente.
show-live-code = Mostre o código ao vivo no seu celular, não uma captura de tela.
code-expired = Este código expirou, atualize-o no seu celular.
not-verified = Este código não pode ser verificado.
kiosk-unavailable = Este terminal não pode verificar códigos no momento.
test-missing = Este local exige um resultado de teste.
test-too-old = Seu teste é antigo demais para este local.
vaccination-incomplete = Sua vacinação não é suficiente para este local.
revoked = Este código foi revogado.
colour-changed = A cor do seu código mudou.
aim-hold-still = Mantenha o código parado, por favor.
aim-move-closer = Aproxime mais o código, por favor.
aim-glare = Incline o código para evitar o reflexo.
