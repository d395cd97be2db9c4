# Spoken sentences of the kiosk's voice, Vietnamese (espeak-ng voice vi).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/vi/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Mã xanh, mời bạn đi qua.
yellow = Mã vàng.
red = Mã đỏ, không được vào.
grey = Không thể kiểm tra mã của bạn.
see-staff = Vui lòng gặp nhân viên.
prompt = Vui lòng xuất trình mã của bạn.
not-recognised = Không nhận diện được mã, vui lòng thử lại.
show-live-code = Vui lòng đưa mã trực tiếp trên điện thoại, không dùng ảnh chụp màn hình.
code-expired = Mã này đã hết hạn, vui lòng làm mới trên điện thoại.
not-verified = Không thể xác minh mã này.
kiosk-unavailable = Máy này hiện không thể kiểm tra mã.
test-missing = Nơi này cần có kết quả xét nghiệm.
test-too-old = Kết quả xét nghiệm của bạn đã quá cũ đối với nơi này.
vaccination-incomplete = Việc tiêm chủng của bạn chưa đủ cho nơi này.
revoked = Mã này đã bị thu hồi.
colour-changed = Màu mã của bạn đã thay đổi.
aim-hold-still = Vui lòng giữ yên mã.
aim-move-closer = Vui lòng đưa mã lại gần hơn.
aim-glare = Vui lòng nghiêng mã để tránh lóa.
