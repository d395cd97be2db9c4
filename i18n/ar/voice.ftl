# Spoken sentences of the kiosk's voice, Arabic, Modern Standard (espeak-ng voice ar).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/ar/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.
# Vowel marks are written where espeak-ng misreads the bare word, with
# pausal endings (sukun) at the end of a phrase.

green = رمز أخضر، تفضل بالدخول.
yellow = رمز أصفر.
red = رمز أحمر، الدخول غير مسموح.
grey = تَعَذَّرَ التَّحَقُّقُ مِنْ رَمْزَكْ.
see-staff = يُرْجَى مُرَاجَعَةُ المُوَظَّفِين.
prompt = يُرْجَى إِظْهَارُ رَمْزَكْ.
not-recognised = تَعَذَّرَتْ قِرَاءَةُ الرَّمْزْ، يُرْجَى إِعَادَةُ المُحَاوَلَة.
show-live-code = يُرْجَى إِظْهَارُ الرَّمْزِ المُبَاشِرِ، لَا لَقْطَةِ الشَّاشَة.
code-expired = انْتَهَتْ صَلَاحِيَةُ الرَّمْزْ، يُرْجَى تَحْدِيثُهُ.
not-verified = لَا يُمْكِنُ التَّحَقُّقُ مِنْ هَذَا الرَّمْزْ.
kiosk-unavailable = الجِهَازُ غَيْرُ مُتَاحٍ حَالِيًّا.
test-missing = يَتَطَلَّبُ هَذَا المَكَانُ نَتِيجَةَ فَحْصْ.
test-too-old = فَحْصُكَ قَدِيمٌ جِدًّا بالنسبة لِهَذَا المَكَانْ.
vaccination-incomplete = تَطْعِيمُكَ غَيْرُ كَافٍ لِهَذَا المَكَانْ.
revoked = تَمَّ إِلْغَاءُ هَذَا الرَّمْزْ.
colour-changed = تغير لون رَمْزَكْ.
aim-hold-still = يُرْجَى تَثْبِيتُ الرَّمْزْ.
aim-move-closer = يُرْجَى تَقْرِيبُ الرَّمْزْ.
aim-glare = يُرْجَى إِمَالَةُ الرَّمْزِ لِتَجَنُّبِ الانْعِكَاسْ.
