# HealthGate screen text, Indonesian (id). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Tunjukkan kode Anda
scan-hint = Arahkan kode QR ke kamera
scan-language = Bahasa
care-mode = Teks besar
care-mode-off = Teks normal
rules-synced = Aturan diperbarui { $minutes } menit lalu
rules-offline = Offline sejak { $time }
rules-stale = Aturan hampir usang: segera sinkronkan
rules-outdated = Aturan kedaluwarsa: hubungi petugas
rules-none = Belum ada aturan terpasang: hubungi petugas
camera-ready = Kamera siap
camera-starting = Menyalakan kamera…
camera-none = Tidak ada kamera: gunakan pemindai
camera-lost = Kamera terputus, menyambungkan ulang…
camera-busy = Kamera sedang dipakai program lain
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
staff-close = Tutup
staff-rules = Aturan
staff-bundle = Paket { $authority }, versi { $version }, terbit { $time }
staff-bundle-none = Tidak ada paket aturan
staff-last-sync = Sinkronisasi terakhir: { $result }
staff-never-synced = Belum pernah disinkronkan
staff-sync-now = Sinkronkan sekarang
staff-syncing = Menyinkronkan…
staff-camera = Kamera
staff-venue = Tempat
staff-default-language = Bahasa bawaan
staff-volume = Volume
staff-care-default = Teks besar sebagai bawaan
staff-auto-return = Kembali ke pemindaian setelah { $seconds } detik
staff-records = Pemeriksaan terbaru
staff-filter-all = Semua
staff-export = Ekspor CSV
staff-exported = Diekspor ke { $file }
staff-counts = Pemeriksaan per jam
staff-records-warning = Catatan: { $warning }
staff-fullscreen = Keluar dari layar penuh
staff-quit = Keluar dari HealthGate
on = Aktif
off = Nonaktif
