# Spoken sentences of the kiosk's voice, Indonesian (espeak-ng voice id).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/id/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Kode hijau, silakan masuk.
yellow = Kode kuning.
red = Kode merah, Anda tidak boleh masuk.
grey = Kode Anda tidak dapat diperiksa.
see-staff = Silakan temui petugas.
prompt = Silakan tunjukkan kode Anda.
not-recognised = Kode tidak dikenali, silakan coba lagi.
show-live-code = Tunjukkan kode langsung di ponsel Anda, bukan tangkapan layar.
code-expired = Kode ini sudah kedaluwarsa, silakan perbarui di ponsel Anda.
not-verified = Kode ini tidak dapat diverifikasi.
kiosk-unavailable = Perangkat ini sedang tidak dapat memeriksa kode.
test-missing = Tempat ini memerlukan hasil tes.
test-too-old = Tes Anda sudah terlalu lama untuk tempat ini.
vaccination-incomplete = Vaksinasi Anda belum cukup untuk tempat ini.
revoked = Kode ini telah dicabut.
colour-changed = Warna kode Anda telah berubah.
aim-hold-still = Mohon tahan kode Anda tetap diam.
aim-move-closer = Mohon dekatkan kode Anda.
aim-glare = Mohon miringkan kode Anda agar tidak silau.
