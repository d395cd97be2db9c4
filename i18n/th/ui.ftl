# HealthGate screen text, Thai (th). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = กรุณาแสดงโค้ด
scan-hint = หันคิวอาร์โค้ดเข้าหากล้อง
scan-chunks = อ่านแล้ว { $have } จาก { $total } ส่วน กรุณาแสดงส่วนถัดไป
aim-hold-still = เห็นรหัสแล้ว: ถือให้นิ่ง
aim-move-closer = เห็นรหัสแล้ว: ขยับเข้ามาใกล้อีก
aim-glare = เห็นรหัสแล้ว: เอียงเพื่อหลบแสงสะท้อน
scan-language = ภาษา
care-mode = ตัวอักษรใหญ่
care-mode-off = ตัวอักษรปกติ
rules-synced = อัปเดตกฎเมื่อ { $age }
rules-offline = ออฟไลน์ตั้งแต่ { $time }
rules-stale = กฎใกล้หมดอายุ: โปรดซิงค์เร็ว ๆ นี้
rules-outdated = กฎหมดอายุแล้ว: โปรดติดต่อเจ้าหน้าที่
rules-none = ยังไม่ได้ติดตั้งกฎ: โปรดติดต่อเจ้าหน้าที่
camera-ready = กล้องพร้อมใช้งาน
camera-starting = กำลังเปิดกล้อง…
camera-none = ไม่มีกล้อง: โปรดใช้เครื่องสแกน
camera-lost = กล้องหลุดการเชื่อมต่อ กำลังเชื่อมต่อใหม่…
camera-busy = กล้องกำลังถูกโปรแกรมอื่นใช้งาน
camera-demo = กล้องสาธิต: ภาพที่บันทึกไว้
demo-banner = สาธิต
demo-offer = เริ่มการสาธิต
demo-note = ใช้ได้เฉพาะโค้ดสาธิต ไม่ใช่สำหรับทางเข้าจริง

## Verdict screen: the large word, and one line under it
verdict-green = ผ่าน
verdict-yellow = พบเจ้าหน้าที่
verdict-red = ห้ามเข้า
verdict-grey = ตรวจสอบไม่ได้
verdict-green-line = เชิญเข้าได้
verdict-yellow-line = โปรดติดต่อเจ้าหน้าที่
verdict-red-line = คุณไม่สามารถเข้าได้
verdict-grey-line = ไม่สามารถตรวจสอบโค้ดได้
label-name = ชื่อ
label-id = เลขบัตร
label-test = ตรวจล่าสุด
label-vaccination = การฉีดวัคซีน
label-checked-at = เวลาตรวจ
test-negative = ผลลบ { $time }
test-positive = ผลบวก { $time }
test-none = ไม่มี
vaccination-doses = { $doses } เข็ม ล่าสุด { $date }
vaccination-none = ไม่มี
label-born = เกิดปี { $year }
label-issued-in = ออกโดย { $country }
vaccination-dose-of = เข็มที่ { $dose } จาก { $series } { $date }
label-recovery = การหายป่วย
recovery-valid-until = ใช้ได้ถึง { $date }
label-rule = กฎ { $id }
back-to-scan = คนถัดไป

## Reasons, in plain language
reason-malformed = โค้ดเสียหายหรือไม่สมบูรณ์
reason-format-unsupported = ที่นี่ไม่รับโค้ดประเภทนี้
reason-version-unsupported = โค้ดนี้ใหม่เกินกว่าที่เครื่องนี้จะอ่านได้
reason-proof-missing = โปรดแสดงโค้ดแบบเรียลไทม์จากโทรศัพท์
reason-issuer-unknown = ไม่รู้จักผู้ออกโค้ดนี้
reason-key-unknown = ไม่รู้จักกุญแจที่ใช้ลงนามโค้ดนี้
reason-key-not-valid = โค้ดนี้ลงนามด้วยกุญแจที่หมดอายุแล้ว
reason-signature-invalid = ลายเซ็นของโค้ดไม่ถูกต้อง
reason-credential-too-long = โค้ดนี้มีอายุการใช้งานยาวเกินไป
reason-credential-not-yet-valid = โค้ดนี้ยังไม่มีผลใช้งาน
reason-credential-expired = โค้ดหมดอายุแล้ว โปรดรีเฟรช
reason-date-impossible = โค้ดนี้มีวันที่ที่เป็นไปไม่ได้
reason-clock-behind = นาฬิกาของเครื่องไม่ถูกต้อง กรุณาติดต่อเจ้าหน้าที่
reason-schema-invalid = เนื้อหาของใบรับรองไม่อยู่ในรูปแบบที่ถูกต้อง
reason-key-usage-invalid = ผู้ลงนามไม่มีสิทธิ์ลงนามใบรับรองประเภทนี้
reason-proof-invalid = โค้ดนี้ไม่ได้แสดงจากโทรศัพท์ของเจ้าของ
reason-proof-stale = โค้ดนี้ไม่ใช่แบบเรียลไทม์ โปรดรีเฟรช
reason-proof-replayed = โค้ดนี้ถูกแสดงไปแล้ว โปรดรีเฟรช
reason-rules-outdated = กฎของเครื่องนี้หมดอายุแล้ว
reason-policy-error = ไม่สามารถใช้กฎของสถานที่นี้ได้
reason-code-yellow = โค้ดสุขภาพของคุณเป็นสีเหลือง
reason-code-red = โค้ดสุขภาพของคุณเป็นสีแดง
reason-revoked = โค้ดนี้ถูกเพิกถอนแล้ว
reason-test-missing = ที่นี่ต้องมีผลตรวจ
reason-test-too-old = ผลตรวจของคุณเก่าเกินไปสำหรับที่นี่
reason-test-positive = ผลตรวจล่าสุดของคุณเป็นบวก
reason-vaccination-incomplete = ที่นี่กำหนดให้ฉีดวัคซีนเพิ่ม
reason-rule-failed = ไม่ผ่านเกณฑ์ของสถานที่นี้
reason-colour-override = สีโค้ดของคุณมีการเปลี่ยนแปลง
reason-rules-stale = กฎของเครื่องนี้ต้องอัปเดตเร็ว ๆ นี้

## Staff screen
staff-open = เจ้าหน้าที่
staff-title = การตั้งค่าสำหรับเจ้าหน้าที่
pin-prompt = ใส่รหัส PIN ของเจ้าหน้าที่
pin-wrong = รหัส PIN ไม่ถูกต้อง เหลืออีก { $left } ครั้ง
pin-locked = ล็อก { $minutes } นาที เนื่องจากใส่ PIN ผิดหลายครั้ง
pin-ok = ตกลง
pin-clear = ล้าง
pin-new = ตั้ง PIN ใหม่สำหรับเจ้าหน้าที่
pin-new-again = พิมพ์ PIN ใหม่อีกครั้ง
pin-factory = เครื่องที่ใช้กฎจริงใช้ PIN จากโรงงานต่อไม่ได้ กรุณาตั้ง PIN ใหม่ก่อน
pin-new-invalid = PIN ใหม่ต้องมีอย่างน้อย 4 หลักและไม่ใช่ 000000
pin-new-mismatch = PIN ทั้งสองครั้งไม่ตรงกัน กรุณาตั้ง PIN ใหม่อีกครั้ง
staff-close = ปิด
staff-rules = กฎ
staff-bundle = ชุดกฎ { $authority } เวอร์ชัน { $version } ออกเมื่อ { $time }
staff-bundle-none = ไม่มีชุดกฎ
staff-last-sync = ซิงค์ล่าสุด: { $result } { $time }
staff-never-synced = ยังไม่เคยซิงค์
staff-clock-behind = นาฬิกาแสดง { $now } ซึ่งก่อน { $mark } ที่เครื่องเคยเห็นแล้ว ทุกโค้ดจะเป็นสีเทาจนกว่าจะตั้งนาฬิกาให้ถูกต้อง
sync-installed = ติดตั้งกฎใหม่แล้ว
sync-unchanged = ไม่มีกฎที่ใหม่กว่า
sync-refused = กฎถูกปฏิเสธ
sync-failed = ล้มเหลว
staff-sync-now = ซิงค์ตอนนี้
staff-syncing = กำลังซิงค์…
staff-sync-off = ตู้นี้ไม่ซิงค์: ยังไม่ได้ตั้งที่อยู่ของกฎ ([bundle] url)
staff-camera = กล้อง
staff-brightness = ความสว่าง
staff-exposure = การรับแสง
staff-auto = อัตโนมัติ
staff-venue = สถานที่
staff-country = ประเทศของสถานที่: { $country } มีกฎของประเทศสำหรับ EU DCC ในชุดกฎ { $rules } ข้อ
staff-country-none = ประเทศของสถานที่: ยังไม่ได้ตั้ง จึงตรวจ EU DCC โดยไม่ใช้กฎของประเทศ
staff-default-language = ภาษาเริ่มต้น
staff-volume = ระดับเสียง
staff-care-default = ใช้ตัวอักษรใหญ่เป็นค่าเริ่มต้น
staff-auto-return = กลับไปหน้าสแกนหลัง { $seconds } วินาที
staff-records = การตรวจล่าสุด
staff-filter-all = ทั้งหมด
staff-format-all = โค้ดทั้งหมด
format-hgc1 = โค้ดสุขภาพ
format-dcc = ใบรับรอง EU (DCC)
format-shc = SMART Health Card
staff-export = ส่งออก CSV
staff-exported = ส่งออกไปที่ { $file } แล้ว
staff-counts = จำนวนการตรวจต่อชั่วโมง
staff-records-warning = บันทึก: { $warning }
staff-settings-kept = การเปลี่ยนแปลงถูกเก็บไว้ในไฟล์นี้:
staff-settings-not-kept = การเปลี่ยนแปลงมีผลจนกว่าจะเริ่มระบบใหม่
staff-settings-failed = ไม่สามารถเก็บการเปลี่ยนแปลงนี้: { $error }
staff-fullscreen = ออกจากโหมดเต็มจอ
staff-quit = ออกจาก HealthGate
on = เปิด
off = ปิด

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] ม.ค.
         [2] ก.พ.
         [3] มี.ค.
         [4] เม.ย.
         [5] พ.ค.
         [6] มิ.ย.
         [7] ก.ค.
         [8] ส.ค.
         [9] ก.ย.
         [10] ต.ค.
         [11] พ.ย.
        *[12] ธ.ค.
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = เมื่อสักครู่
age-minutes = { $n } นาทีที่แล้ว
age-hours = { $n } ชั่วโมงที่แล้ว
age-days = { $n } วันที่แล้ว
