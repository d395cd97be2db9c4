# Spoken sentences of the kiosk's voice, Cantonese, traditional characters (espeak-ng voice yue).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/zh-HK/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.
# Spoken Cantonese, not written Chinese: 嘅, 唔, 呢, 搵.

green = 綠碼，請通行。
yellow = 黃碼。
red = 紅碼，請勿進入。
grey = 未能核實你嘅健康碼。
see-staff = 請搵工作人員。
prompt = 請出示你嘅健康碼。
not-recognised = 認唔到個碼，請再試一次。
show-live-code = 請出示手機上嘅實時健康碼，唔好用截圖。
code-expired = 呢個碼已經過期，請喺手機上更新。
not-verified = 呢個碼無法核實。
kiosk-unavailable = 呢部機暫時未能核實。
test-missing = 呢度需要檢測結果。
test-too-old = 你嘅檢測結果太舊，唔符合呢度嘅要求。
vaccination-incomplete = 你嘅疫苗接種唔符合呢度嘅要求。
revoked = 呢個碼已經被取消。
colour-changed = 你嘅健康碼顏色已經改變。
aim-hold-still = 請拎穩，唔好郁。
aim-move-closer = 請將個碼再拎近啲。
aim-glare = 請將個碼斜少少，避開反光。
