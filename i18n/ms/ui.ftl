# HealthGate screen text, Malay (ms). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Tunjukkan kod anda
scan-hint = Halakan kod QR ke kamera
scan-chunks = { $have } daripada { $total } bahagian dibaca: sila tunjukkan bahagian seterusnya
aim-hold-still = Kod dikesan: pegang dengan tetap
aim-move-closer = Kod dikesan: dekatkan lagi
aim-glare = Kod dikesan: condongkan untuk elak silau
scan-language = Bahasa
care-mode = Teks besar
care-mode-off = Teks biasa
rules-synced = Peraturan dikemas kini { $age }
rules-offline = Luar talian sejak { $time }
rules-stale = Peraturan hampir lapuk: segerakkan segera
rules-outdated = Peraturan sudah lapuk: sila jumpa kakitangan
rules-none = Tiada peraturan dipasang: sila jumpa kakitangan
camera-ready = Kamera sedia
camera-starting = Menghidupkan kamera…
camera-none = Tiada kamera: guna pengimbas
camera-lost = Kamera terputus, menyambung semula…
camera-busy = Kamera sedang digunakan oleh program lain
camera-demo = Kamera demo: bingkai rakaman
demo-banner = DEMO
demo-offer = Mulakan demo
demo-note = Kod demo sahaja. Bukan untuk pintu masuk sebenar.

## Verdict screen: the large word, and one line under it
verdict-green = BOLEH MASUK
verdict-yellow = JUMPA KAKITANGAN
verdict-red = DILARANG MASUK
verdict-grey = TIDAK DISAHKAN
verdict-green-line = Sila masuk
verdict-yellow-line = Sila jumpa kakitangan bertugas
verdict-red-line = Anda tidak dibenarkan masuk
verdict-grey-line = Kod tidak dapat disemak
label-name = Nama
label-id = ID
label-test = Ujian terakhir
label-vaccination = Vaksinasi
label-checked-at = Disemak pada
test-negative = Negatif, { $time }
test-positive = Positif, { $time }
test-none = Tiada
vaccination-doses = { $doses } dos, terakhir { $date }
vaccination-none = Tiada
label-born = Lahir { $year }
label-issued-in = Dikeluarkan di { $country }
vaccination-dose-of = dos { $dose } daripada { $series }, { $date }
label-recovery = Pemulihan
recovery-valid-until = sah sehingga { $date }
label-rule = Peraturan { $id }
back-to-scan = Seterusnya

## Reasons, in plain language
reason-malformed = Kod rosak atau tidak lengkap
reason-format-unsupported = Jenis kod ini tidak diterima di sini
reason-version-unsupported = Kod ini terlalu baharu untuk kiosk ini
reason-proof-missing = Tunjukkan kod langsung dari telefon anda
reason-issuer-unknown = Pengeluar kod tidak dikenali
reason-key-unknown = Kunci tandatangan kod tidak dikenali
reason-key-not-valid = Kod ditandatangani dengan kunci yang telah tamat tempoh
reason-signature-invalid = Tandatangan kod tidak sah
reason-credential-too-long = Tempoh sah kod terlalu panjang
reason-credential-not-yet-valid = Kod belum sah
reason-credential-expired = Kod telah tamat tempoh: muat semula
reason-date-impossible = Kod mengandungi tarikh yang mustahil
reason-clock-behind = Jam kiosk tidak betul: sila berjumpa kakitangan
reason-schema-invalid = Kandungan sijil tidak dalam bentuk yang betul
reason-key-usage-invalid = Penandatangan tidak boleh menandatangani jenis sijil ini
reason-proof-invalid = Kod tidak ditunjukkan dari telefon pemiliknya
reason-proof-stale = Kod ini bukan yang terkini: muat semula
reason-proof-replayed = Kod ini sudah ditunjukkan: muat semula
reason-rules-outdated = Peraturan kiosk sudah lapuk
reason-policy-error = Peraturan premis ini tidak dapat digunakan
reason-code-yellow = Kod kesihatan anda kuning
reason-code-red = Kod kesihatan anda merah
reason-revoked = Kod ini telah ditarik balik
reason-test-missing = Ujian diperlukan di sini
reason-test-too-old = Ujian anda terlalu lama untuk premis ini
reason-test-positive = Ujian terakhir anda positif
reason-vaccination-incomplete = Vaksinasi tambahan diperlukan di sini
reason-rule-failed = Satu peraturan premis ini tidak dipenuhi
reason-colour-override = Warna kod anda telah dikemas kini
reason-rules-stale = Peraturan kiosk perlu dikemas kini tidak lama lagi

## Staff screen
staff-open = Kakitangan
staff-title = Tetapan kakitangan
pin-prompt = Masukkan PIN kakitangan
pin-wrong = PIN salah. Tinggal { $left } cubaan lagi
pin-locked = Dikunci { $minutes } minit kerana terlalu banyak PIN salah
pin-ok = OK
pin-clear = Padam
pin-new = Pilih PIN kakitangan yang baharu
pin-new-again = Taip PIN baharu sekali lagi
pin-factory = PIN kilang tidak boleh kekal pada kiosk dengan peraturan sebenar: pilih PIN baharu dahulu
pin-new-invalid = PIN baharu mempunyai sekurang-kurangnya 4 digit dan bukan 000000
pin-new-mismatch = Kedua-dua PIN berbeza: pilih PIN baharu sekali lagi
staff-close = Tutup
staff-rules = Peraturan
staff-bundle = Pakej { $authority }, versi { $version }, dikeluarkan { $time }
staff-bundle-none = Tiada pakej peraturan
staff-last-sync = Penyegerakan terakhir: { $result }, { $time }
staff-never-synced = Belum pernah disegerakkan
staff-clock-behind = Jam menunjukkan { $now }, lebih awal daripada { $mark }, masa yang telah dilihat oleh kiosk: semua kod berwarna kelabu sehingga jam dibetulkan
sync-installed = peraturan baharu dipasang
sync-unchanged = tiada peraturan yang lebih baharu
sync-refused = peraturan ditolak
sync-failed = gagal
staff-sync-now = Segerakkan sekarang
staff-syncing = Sedang menyegerak…
staff-sync-off = Kiosk ini tidak menyegerak: alamat peraturan ([bundle] url) belum ditetapkan
staff-camera = Kamera
staff-brightness = Kecerahan
staff-exposure = Dedahan
staff-auto = Auto
staff-venue = Premis
staff-country = Negara premis: { $country }, { $rules } peraturan negara untuk EU DCC dalam pakej
staff-country-none = Negara premis: belum ditetapkan, jadi EU DCC disemak tanpa peraturan negara
staff-default-language = Bahasa lalai
staff-volume = Kelantangan
staff-care-default = Teks besar secara lalai
staff-auto-return = Kembali mengimbas selepas { $seconds } saat
staff-records = Semakan terkini
staff-filter-all = Semua
staff-format-all = Semua kod
format-hgc1 = Kod kesihatan
format-dcc = Sijil EU (DCC)
format-shc = SMART Health Card
staff-export = Eksport CSV
staff-exported = Dieksport ke { $file }
staff-counts = Semakan setiap jam
staff-records-warning = Rekod: { $warning }
staff-settings-kept = Perubahan disimpan dalam fail ini:
staff-settings-not-kept = Perubahan kekal sehingga kios dimulakan semula
staff-settings-failed = Perubahan ini tidak dapat disimpan: { $error }
staff-fullscreen = Keluar skrin penuh
staff-quit = Keluar HealthGate
on = Hidup
off = Mati

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] Jan
         [2] Feb
         [3] Mac
         [4] Apr
         [5] Mei
         [6] Jun
         [7] Jul
         [8] Ogo
         [9] Sep
         [10] Okt
         [11] Nov
        *[12] Dis
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = baru sahaja
age-minutes = { $n } minit lalu
age-hours = { $n } jam lalu
age-days = { $n } hari lalu
