# Spoken sentences of the kiosk's voice, English.
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/en/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Green code, please go ahead.
yellow = Yellow code.
red = Red code, please do not enter.
grey = Your code could not be checked.
see-staff = Please see staff.
prompt = Please show your code.
not-recognised = Code not recognised, please try again.
show-live-code = Please show the live code on your phone, not a screenshot.
code-expired = This code has expired, please refresh it on your phone.
not-verified = This code cannot be verified.
kiosk-unavailable = This kiosk cannot check codes right now.
test-missing = This place needs a test result.
test-too-old = Your test is too old for this place.
vaccination-incomplete = Your vaccination is not enough for this place.
revoked = This code has been withdrawn.
colour-changed = The colour of your code has changed.
aim-hold-still = Please hold your code still.
aim-move-closer = Please bring your code closer.
aim-glare = Please tilt your code away from the glare.
