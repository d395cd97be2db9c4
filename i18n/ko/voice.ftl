# Spoken sentences of the kiosk's voice, Korean (espeak-ng voice ko).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/ko/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = 녹색 코드입니다. 들어가세요.
yellow = 노란색 코드입니다.
red = 빨간색 코드입니다. 들어가실 수 없습니다.
grey = 코드를 확인할 수 없습니다.
see-staff = 직원에게 문의하세요.
prompt = 코드를 보여 주세요.
not-recognised = 코드를 인식할 수 없습니다. 다시 시도해 주세요.
show-live-code = 스크린샷 말고 실시간 코드를 보여 주세요.
code-expired = 코드가 만료되었습니다. 새로 고침해 주세요.
not-verified = 이 코드는 인증할 수 없습니다.
kiosk-unavailable = 지금은 이 기기에서 확인할 수 없습니다.
test-missing = 이곳은 검사 결과가 필요합니다.
test-too-old = 검사 결과가 이곳 기준보다 오래되었습니다.
vaccination-incomplete = 예방 접종이 이곳 기준에 맞지 않습니다.
revoked = 이 코드는 취소되었습니다.
colour-changed = 코드 색상이 변경되었습니다.
aim-hold-still = 코드를 움직이지 마세요.
aim-move-closer = 코드를 더 가까이 대 주세요.
aim-glare = 빛 반사를 피해 코드를 기울여 주세요.
