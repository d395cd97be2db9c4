# Spoken sentences of the kiosk's voice, Japanese (espeak-ng voice ja).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/ja/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.
# Written in kana, with spaces between phrases: espeak-ng reads no kanji.
# The written form is in ui.ftl.

green = みどりの コードです。 どうぞ おとおり ください。
yellow = きいろの コードです。
red = あかの コードです。 にゅうじょう できません。
grey = コードを かくにん できませんでした。
see-staff = かかりいんに おこえがけ ください。
prompt = コードを ごていじ ください。
not-recognised = コードを よみとれません。 もういちど おねがいします。
show-live-code = スクリーンショットでは なく、 さいしんの コードを みせて ください。
code-expired = きげんぎれの コードです。 こうしん して ください。
not-verified = この コードは かくにん できません。
kiosk-unavailable = ただいま この たんまつでは かくにん できません。
test-missing = ここでは けんさ けっかが ひつようです。
test-too-old = この しせつでは けんさ けっかが ふるすぎます。
vaccination-incomplete = ワクチン せっしゅが この しせつの きじゅんを みたして いません。
revoked = この コードは むこうに なりました。
colour-changed = コードの いろが かわりました。
aim-hold-still = うごかさないで ください。
aim-move-closer = もっと ちかづけて ください。
aim-glare = はんしゃを さけて かたむけて ください。
