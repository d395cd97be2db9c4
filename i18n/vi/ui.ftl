# HealthGate screen text, Vietnamese (vi). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Vui lòng xuất trình mã
scan-hint = Đưa mã QR vào trước camera
scan-language = Ngôn ngữ
care-mode = Chữ lớn
care-mode-off = Chữ thường
rules-synced = Quy tắc đã cập nhật { $minutes } phút trước
rules-offline = Mất kết nối từ { $time }
rules-stale = Quy tắc sắp hết hạn: hãy đồng bộ sớm
rules-outdated = Quy tắc đã hết hạn: vui lòng gặp nhân viên
rules-none = Chưa cài quy tắc: vui lòng gặp nhân viên
camera-ready = Camera đã sẵn sàng
camera-starting = Đang khởi động camera…
camera-none = Không có camera: hãy dùng máy quét
camera-lost = Mất kết nối camera, đang kết nối lại…
camera-busy = Camera đang bị chương trình khác sử dụng
demo-banner = DEMO
demo-offer = Chạy bản demo
demo-note = Chỉ dùng mã demo. Không dùng cho lối vào thật.

## Verdict screen: the large word, and one line under it
verdict-green = ĐƯỢC QUA
verdict-yellow = GẶP NHÂN VIÊN
verdict-red = DỪNG LẠI
verdict-grey = KHÔNG XÁC MINH ĐƯỢC
verdict-green-line = Mời bạn vào
verdict-yellow-line = Vui lòng gặp nhân viên
verdict-red-line = Bạn không được vào
verdict-grey-line = Không thể kiểm tra mã
label-name = Họ tên
label-id = Giấy tờ
label-test = Xét nghiệm gần nhất
label-vaccination = Tiêm chủng
label-checked-at = Kiểm tra lúc
test-negative = Âm tính, { $time }
test-positive = Dương tính, { $time }
test-none = Không có
vaccination-doses = { $doses } mũi, mũi cuối { $date }
vaccination-none = Không có
back-to-scan = Người tiếp theo

## Reasons, in plain language
reason-malformed = Mã bị hỏng hoặc không đầy đủ
reason-format-unsupported = Loại mã này không được chấp nhận ở đây
reason-version-unsupported = Mã này quá mới so với máy này
reason-proof-missing = Hãy xuất trình mã động trên điện thoại
reason-issuer-unknown = Không nhận ra đơn vị cấp mã
reason-key-unknown = Không nhận ra khóa ký của mã
reason-key-not-valid = Mã được ký bằng khóa đã hết hạn
reason-signature-invalid = Chữ ký của mã không hợp lệ
reason-credential-too-long = Thời hạn của mã quá dài
reason-credential-not-yet-valid = Mã chưa có hiệu lực
reason-credential-expired = Mã đã hết hạn: hãy làm mới
reason-proof-invalid = Mã không được xuất trình từ điện thoại của chủ mã
reason-proof-stale = Mã không phải mã mới nhất: hãy làm mới
reason-proof-replayed = Mã này đã được xuất trình: hãy làm mới
reason-rules-outdated = Quy tắc của máy đã hết hạn
reason-policy-error = Không thể áp dụng quy tắc của nơi này
reason-code-yellow = Mã sức khỏe của bạn màu vàng
reason-code-red = Mã sức khỏe của bạn màu đỏ
reason-revoked = Mã này đã bị thu hồi
reason-test-missing = Nơi này yêu cầu xét nghiệm
reason-test-too-old = Xét nghiệm của bạn đã quá lâu so với yêu cầu nơi này
reason-test-positive = Xét nghiệm gần nhất của bạn dương tính
reason-vaccination-incomplete = Nơi này yêu cầu tiêm thêm vắc-xin
reason-rule-failed = Chưa đáp ứng một quy định của nơi này
reason-colour-override = Màu mã của bạn đã được cập nhật
reason-rules-stale = Quy tắc của máy cần cập nhật sớm

## Staff screen
staff-open = Nhân viên
staff-title = Cài đặt cho nhân viên
pin-prompt = Nhập mã PIN nhân viên
pin-wrong = Sai mã PIN. Còn { $left } lần thử
pin-locked = Đã khóa { $minutes } phút do nhập sai PIN quá nhiều lần
pin-ok = OK
pin-clear = Xóa
staff-close = Đóng
staff-rules = Quy tắc
staff-bundle = Gói { $authority }, phiên bản { $version }, phát hành { $time }
staff-bundle-none = Không có gói quy tắc
staff-last-sync = Đồng bộ lần cuối: { $result }
staff-never-synced = Chưa từng đồng bộ
staff-sync-now = Đồng bộ ngay
staff-syncing = Đang đồng bộ…
staff-camera = Camera
staff-venue = Địa điểm
staff-default-language = Ngôn ngữ mặc định
staff-volume = Âm lượng
staff-care-default = Mặc định dùng chữ lớn
staff-auto-return = Quay lại quét sau { $seconds } giây
staff-records = Lượt kiểm tra gần đây
staff-filter-all = Tất cả
staff-export = Xuất CSV
staff-exported = Đã xuất ra { $file }
staff-counts = Lượt kiểm tra mỗi giờ
staff-records-warning = Nhật ký: { $warning }
staff-fullscreen = Thoát toàn màn hình
staff-quit = Thoát HealthGate
on = Bật
off = Tắt
