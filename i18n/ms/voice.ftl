# Spoken sentences of the kiosk's voice, Malay (espeak-ng voice ms).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/ms/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Kod hijau, sila masuk.
yellow = Kod kuning.
red = Kod merah, anda tidak dibenarkan masuk.
grey = Kod anda tidak dapat disemak.
see-staff = Sila berjumpa kakitangan.
prompt = Sila tunjukkan kod anda.
not-recognised = Kod tidak dikenali, sila cuba lagi.
show-live-code = Sila tunjukkan kod langsung, bukan tangkapan skrin.
code-expired = Kod ini telah tamat tempoh, sila kemas kini pada telefon anda.
not-verified = Kod ini tidak dapat disahkan.
kiosk-unavailable = Mesin ini tidak dapat menyemak kod buat masa ini.
test-missing = Tempat ini memerlukan keputusan ujian.
test-too-old = Ujian anda sudah terlalu lama untuk tempat ini.
vaccination-incomplete = Vaksinasi anda tidak mencukupi untuk tempat ini.
revoked = Kod ini telah dibatalkan.
colour-changed = Warna kod anda telah berubah.
aim-hold-still = Sila pegang kod anda dengan tetap.
aim-move-closer = Sila dekatkan kod anda.
aim-glare = Sila condongkan kod anda untuk elak silau.
