# Spoken sentences of the kiosk's voice, Italian (espeak-ng voice it).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/it/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Codice verde, prego, passi pure.
yellow = Codice giallo.
red = Codice rosso, ingresso vietato.
grey = Non è stato possibile verificare il suo codice.
see-staff = Per favore, si rivolga al personale.
prompt = Per favore, mostri il suo codice.
not-recognised = Codice non riconosciuto, riprovi.
show-live-code = Mostri il codice attivo sul telefono, non uno screenshot.
code-expired = Questo codice è scaduto, lo aggiorni sul telefono.
not-verified = Questo codice non può essere verificato.
kiosk-unavailable = Questo terminale al momento non può verificare i codici.
test-missing = Qui è richiesto l'esito di un test.
test-too-old = Il suo test è troppo vecchio per questo luogo.
vaccination-incomplete = La sua vaccinazione non è sufficiente per questo luogo.
revoked = Questo codice è stato revocato.
colour-changed = Il colore del suo codice è cambiato.
aim-hold-still = Tenga fermo il codice, per favore.
aim-move-closer = Avvicini il codice, per favore.
aim-glare = Inclini il codice per evitare il riflesso.
