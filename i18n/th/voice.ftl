# Spoken sentences of the kiosk's voice, Thai (espeak-ng voice th).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/th/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.
# Written as espeak-ng phonemes ([[...]]): the Thai spelling rules of
# espeak-ng 1.51 are a stub that cannot read Thai script. Syllables are
# consonants, vowel (: = long), tone digit (1 rising, 2 low, 3 mid,
# 4 high, 5 falling), final consonant. Each comment gives the sentence
# in Thai script.

# โค้ดสีเขียว เชิญผ่านได้
green = [[k_ho:4t si:1 k_hi@1w]], [[tS@:3n p_ha:2n dai5]].
# โค้ดสีเหลือง
yellow = [[k_ho:4t si:1 lW@1N]].
# โค้ดสีแดง ไม่สามารถเข้าได้
red = [[k_ho:4t si:1 dE:3N]], [[mai5 sa:1 ma:5t k_hau5 dai5]].
# ไม่สามารถตรวจสอบโค้ดของคุณได้
grey = [[mai5 sa:1 ma:5t tru@2t sO:2p k_ho:4t k_hO:1N k_hun3 dai5]].
# กรุณาติดต่อเจ้าหน้าที่
see-staff = [[ka2 ru4 na:3 tit2 tO:2 tSau5 na:5 t_hi:5]].
# กรุณาแสดงโค้ดของคุณ
prompt = [[ka2 ru4 na:3 sa2 dE:3N k_ho:4t k_hO:1N k_hun3]].
# อ่านโค้ดไม่ได้ กรุณาลองใหม่อีกครั้ง
not-recognised = [[?a:2n k_ho:4t mai5 dai5]], [[ka2 ru4 na:3 lO:3N mai2 ?i:2k k_hraN4]].
# กรุณาแสดงโค้ดล่าสุดบนโทรศัพท์ ไม่ใช่ภาพหน้าจอ
show-live-code = [[ka2 ru4 na:3 sa2 dE:3N k_ho:4t la:5 sut2 bon3 t_ho:3 ra4 sap2]], [[mai5 tSai5 p_ha:5p na:5 tSO:3]].
# โค้ดนี้หมดอายุแล้ว กรุณารีเฟรชบนโทรศัพท์ของคุณ
code-expired = [[k_ho:4t ni:4 mot2 ?a:3 ju4 lE:4w]], [[ka2 ru4 na:3 ri:3 fret4 bon3 t_ho:3 ra4 sap2 k_hO:1N k_hun3]].
# ไม่สามารถยืนยันโค้ดนี้ได้
not-verified = [[mai5 sa:1 ma:5t jW:3n jan3 k_ho:4t ni:4 dai5]].
# เครื่องนี้ไม่สามารถตรวจโค้ดได้ในขณะนี้
kiosk-unavailable = [[k_hrW@5N ni:4 mai5 sa:1 ma:5t tru@2t k_ho:4t dai5 nai3 k_ha2 na2 ni:4]].
# สถานที่นี้ต้องใช้ผลตรวจ
test-missing = [[sa2 t_ha:1n t_hi:5 ni:4 tON5 tSai4 p_hon1 tru@2t]].
# ผลตรวจของคุณเก่าเกินไปสำหรับสถานที่นี้
test-too-old = [[p_hon1 tru@2t k_hO:1N k_hun3 kau2 k@:3n pai3 sam1 rap2 sa2 t_ha:1n t_hi:5 ni:4]].
# การฉีดวัคซีนของคุณยังไม่ครบตามเกณฑ์ของสถานที่นี้
vaccination-incomplete = [[ka:3n tSi:2t wak4 si:3n k_hO:1N k_hun3 jaN3 mai5 k_hrop4 ta:3m ke:3n k_hO:1N sa2 t_ha:1n t_hi:5 ni:4]].
# โค้ดนี้ถูกยกเลิกแล้ว
revoked = [[k_ho:4t ni:4 t_hu:2k jok4 l@:5k lE:4w]].
# สีของโค้ดคุณเปลี่ยนไปแล้ว
colour-changed = [[si:1 k_hO:1N k_ho:4t k_hun3 pli@2n pai3 lE:4w]].
# กรุณาถือให้นิ่ง
aim-hold-still = [[ka2 ru4 na:3 t_hW:1 hai5 niN5]].
# กรุณาขยับเข้ามาใกล้อีก
aim-move-closer = [[ka2 ru4 na:3 k_ha2 jap2 k_hau5 ma:3 klai5 ?i:2k]].
# กรุณาเอียงเพื่อหลบแสงสะท้อน
aim-glare = [[ka2 ru4 na:3 ?i@3N p_hW@5 lop2 sE:1N sa2 t_hO:4n]].
