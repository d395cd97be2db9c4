# Spoken sentences of the kiosk's voice, Mandarin Chinese (espeak-ng voice cmn-latn-pinyin).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/zh-CN/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.
# Written in pinyin with tone numbers (v for ü, 5 for the neutral tone,
# tones as spoken): espeak-ng 1.51 as packaged reads many hanzi as
# English letters. Each comment gives the sentence in characters.

# 绿码，请通行。
green = lv4 ma3, qing3 tong1 xing2.
# 黄码。
yellow = huang2 ma3.
# 红码，请勿进入。
red = hong2 ma3, qing3 wu4 jin4 ru4.
# 无法核验您的健康码。
grey = wu2 fa3 he2 yan4 nin2 de5 jian4 kang1 ma3.
# 请联系工作人员。
see-staff = qing3 lian2 xi4 gong1 zuo4 ren2 yuan2.
# 请出示您的健康码。
prompt = qing3 chu1 shi4 nin2 de5 jian4 kang1 ma3.
# 无法识别，请重试。
not-recognised = wu2 fa3 shi2 bie2, qing3 chong2 shi4.
# 请出示实时健康码，不要用截图。
show-live-code = qing3 chu1 shi4 shi2 shi2 jian4 kang1 ma3, bu2 yao4 yong4 jie2 tu2.
# 健康码已过期，请刷新。
code-expired = jian4 kang1 ma3 yi3 guo4 qi1, qing3 shua1 xin1.
# 无法验证此健康码。
not-verified = wu2 fa3 yan4 zheng4 ci3 jian4 kang1 ma3.
# 本机暂时无法核验。
kiosk-unavailable = ben3 ji1 zan4 shi2 wu2 fa3 he2 yan4.
# 本场所需要核酸检测结果。
test-missing = ben3 chang2 suo3 xu1 yao4 he2 suan1 jian3 ce4 jie2 guo3.
# 核酸检测超过本场所时限。
test-too-old = he2 suan1 jian3 ce4 chao1 guo4 ben3 chang2 suo3 shi2 xian4.
# 疫苗接种不符合本场所要求。
vaccination-incomplete = yi4 miao2 jie1 zhong4 bu4 fu2 he2 ben3 chang2 suo3 yao1 qiu2.
# 此健康码已被撤销。
revoked = ci3 jian4 kang1 ma3 yi3 bei4 che4 xiao1.
# 健康码颜色已改变。
colour-changed = jian4 kang1 ma3 yan2 se4 yi3 gai3 bian4.
# 请保持不动。
aim-hold-still = qing2 bao3 chi2 bu2 dong4.
# 请再靠近一些。
aim-move-closer = qing3 zai4 kao4 jin4 yi4 xie1.
# 请倾斜一下，避开反光。
aim-glare = qing3 qing1 xie2 yi2 xia4, bi4 kai1 fan3 guang1.
