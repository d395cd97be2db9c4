# HealthGate screen text, Indonesian (id). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Tunjukkan kode Anda
scan-hint = Arahkan kode QR ke kamera
scan-chunks = { $have } dari { $total } bagian terbaca: tunjukkan bagian berikutnya
aim-hold-still = Kode terlihat: tahan diam
aim-move-closer = Kode terlihat: dekatkan lagi
aim-glare = Kode terlihat: miringkan agar tidak silau
scan-language = Bahasa
care-mode = Teks besar
care-mode-off = Teks normal
rules-synced = Aturan diperbarui { $age }
rules-offline = Offline sejak { $time }
rules-stale = Aturan hampir usang: segera sinkronkan
rules-outdated = Aturan kedaluwarsa: hubungi petugas
rules-none = Belum ada aturan terpasang: hubungi petugas
camera-ready = Kamera siap
camera-starting = Menyalakan kamera…
camera-none = Tidak ada kamera: gunakan pemindai
camera-lost = Kamera terputus, menyambungkan ulang…
camera-busy = Kamera sedang dipakai program lain
camera-demo = Kamera demo: gambar rekaman
demo-banner = DEMO
demo-offer = Mulai demo
demo-note = Hanya kode demo. Bukan untuk pintu masuk sungguhan.

## Verdict screen: the large word, and one line under it
verdict-green = BOLEH MASUK
verdict-yellow = TEMUI PETUGAS
verdict-red = DILARANG MASUK
verdict-grey = TIDAK TERVERIFIKASI
verdict-green-line = Silakan masuk
verdict-yellow-line = Silakan temui petugas
verdict-red-line = Anda tidak boleh masuk
verdict-grey-line = Kode tidak dapat diperiksa
label-name = Nama
label-id = Identitas
label-test = Tes terakhir
label-vaccination = Vaksinasi
label-checked-at = Diperiksa pukul
test-negative = Negatif, { $time }
test-positive = Positif, { $time }
test-none = Tidak ada
vaccination-doses = { $doses } dosis, terakhir { $date }
vaccination-none = Tidak ada
label-born = Lahir { $year }
label-issued-in = Diterbitkan di { $country }
vaccination-dose-of = dosis { $dose } dari { $series }, { $date }
label-recovery = Pemulihan
recovery-valid-until = berlaku hingga { $date }
label-rule = Aturan { $id }
back-to-scan = Berikutnya

## Reasons, in plain language
reason-malformed = Kode rusak atau tidak lengkap
reason-format-unsupported = Jenis kode ini tidak diterima di sini
reason-version-unsupported = Kode ini terlalu baru untuk kios ini
reason-proof-missing = Tunjukkan kode langsung dari ponsel Anda
reason-issuer-unknown = Penerbit kode tidak dikenali
reason-key-unknown = Kunci tanda tangan kode tidak dikenali
reason-key-not-valid = Kode ditandatangani dengan kunci yang kedaluwarsa
reason-signature-invalid = Tanda tangan kode tidak sah
reason-credential-too-long = Masa berlaku kode terlalu lama
reason-credential-not-yet-valid = Kode belum berlaku
reason-credential-expired = Kode sudah kedaluwarsa: perbarui
reason-date-impossible = Kode berisi tanggal yang tidak mungkin
reason-clock-behind = Jam kios salah: silakan hubungi petugas
reason-schema-invalid = Isi sertifikat tidak dalam bentuk yang benar
reason-key-usage-invalid = Penanda tangan tidak boleh menandatangani jenis sertifikat ini
reason-proof-invalid = Kode tidak ditunjukkan dari ponsel pemiliknya
reason-proof-stale = Kode bukan yang terbaru: perbarui
reason-proof-replayed = Kode ini sudah pernah ditunjukkan: perbarui
reason-rules-outdated = Aturan kios sudah kedaluwarsa
reason-policy-error = Aturan tempat ini tidak dapat diterapkan
reason-code-yellow = Kode kesehatan Anda kuning
reason-code-red = Kode kesehatan Anda merah
reason-revoked = Kode ini telah dicabut
reason-test-missing = Tempat ini mewajibkan tes
reason-test-too-old = Tes Anda terlalu lama untuk tempat ini
reason-test-positive = Tes terakhir Anda positif
reason-vaccination-incomplete = Tempat ini mewajibkan vaksinasi tambahan
reason-rule-failed = Ada aturan tempat ini yang tidak terpenuhi
reason-colour-override = Warna kode Anda telah diperbarui
reason-rules-stale = Aturan kios perlu segera diperbarui

## Staff screen
staff-open = Petugas
staff-title = Pengaturan petugas
pin-prompt = Masukkan PIN petugas
pin-wrong = PIN salah. Sisa { $left } kali percobaan
pin-locked = Dikunci { $minutes } menit karena terlalu sering salah PIN
pin-ok = OK
pin-clear = Hapus
pin-new = Pilih PIN staf yang baru
pin-new-again = Ketik PIN baru sekali lagi
pin-factory = PIN pabrik tidak boleh tetap dipakai di kios dengan aturan sungguhan: pilih PIN baru dulu
pin-new-invalid = PIN baru terdiri dari minimal 4 angka dan bukan 000000
pin-new-mismatch = Kedua PIN berbeda: pilih PIN baru sekali lagi
staff-close = Tutup
staff-rules = Aturan
staff-bundle = Paket { $authority }, versi { $version }, terbit { $time }
staff-bundle-none = Tidak ada paket aturan
staff-last-sync = Sinkronisasi terakhir: { $result }, { $time }
staff-never-synced = Belum pernah disinkronkan
staff-clock-behind = Jam menunjukkan { $now }, lebih awal dari { $mark }, waktu yang sudah pernah dilihat kios: semua kode berwarna abu-abu sampai jam diperbaiki
sync-installed = aturan baru dipasang
sync-unchanged = tidak ada aturan yang lebih baru
sync-refused = aturan ditolak
sync-failed = gagal
staff-sync-now = Sinkronkan sekarang
staff-syncing = Menyinkronkan…
staff-sync-off = Kios ini tidak menyinkronkan: alamat aturan ([bundle] url) belum diatur
staff-camera = Kamera
staff-brightness = Kecerahan
staff-exposure = Eksposur
staff-auto = Otomatis
staff-venue = Tempat
staff-country = Negara tempat: { $country }, { $rules } aturan negara untuk EU DCC dalam paket
staff-country-none = Negara tempat: belum diatur, jadi EU DCC diperiksa tanpa aturan negara
staff-default-language = Bahasa bawaan
staff-volume = Volume
staff-care-default = Teks besar sebagai bawaan
staff-auto-return = Kembali ke pemindaian setelah { $seconds } detik
staff-records = Pemeriksaan terbaru
staff-filter-all = Semua
staff-format-all = Semua kode
format-hgc1 = Kode kesehatan
format-dcc = Sertifikat UE (DCC)
format-shc = SMART Health Card
staff-export = Ekspor CSV
staff-exported = Diekspor ke { $file }
staff-counts = Pemeriksaan per jam
staff-records-warning = Catatan: { $warning }
staff-settings-kept = Perubahan disimpan di berkas ini:
staff-settings-not-kept = Perubahan berlaku sampai kios dinyalakan ulang
staff-settings-failed = Perubahan ini tidak dapat disimpan: { $error }
staff-fullscreen = Keluar dari layar penuh
staff-quit = Keluar dari HealthGate
on = Aktif
off = Nonaktif

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] Jan
         [2] Feb
         [3] Mar
         [4] Apr
         [5] Mei
         [6] Jun
         [7] Jul
         [8] Agu
         [9] Sep
         [10] Okt
         [11] Nov
        *[12] Des
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = baru saja
age-minutes = { $n } menit lalu
age-hours = { $n } jam lalu
age-days = { $n } hari lalu
