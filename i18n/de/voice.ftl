# Spoken sentences of the kiosk's voice, German (espeak-ng voice de).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/de/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Grüner Code, bitte gehen Sie weiter.
yellow = Gelber Code.
red = Roter Code, kein Zutritt.
grey = Ihr Code konnte nicht geprüft werden.
see-staff = Bitte wenden Sie sich an das Personal.
prompt = Bitte zeigen Sie Ihren Code.
not-recognised = Code nicht erkannt, bitte versuchen Sie es erneut.
show-live-code = Bitte zeigen Sie den aktuellen Code auf Ihrem Handy, keinen Screenshot.
code-expired = Dieser Code ist abgelaufen, bitte aktualisieren Sie ihn auf Ihrem Handy.
not-verified = Dieser Code kann nicht geprüft werden.
kiosk-unavailable = Dieses Gerät kann gerade keine Codes prüfen.
test-missing = Hier ist ein Testergebnis erforderlich.
test-too-old = Ihr Test ist für diesen Ort zu alt.
vaccination-incomplete = Ihr Impfschutz reicht für diesen Ort nicht aus.
revoked = Dieser Code wurde widerrufen.
colour-changed = Die Farbe Ihres Codes hat sich geändert.
aim-hold-still = Bitte halten Sie den Code still.
aim-move-closer = Bitte halten Sie den Code näher heran.
aim-glare = Bitte neigen Sie den Code gegen die Spiegelung.
