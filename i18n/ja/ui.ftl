# HealthGate screen text, Japanese (ja). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = コードを提示してください
scan-hint = QRコードをカメラにかざしてください
scan-language = 言語
care-mode = 大きな文字
care-mode-off = 通常の文字
rules-synced = ルール更新：{ $minutes }分前
rules-offline = { $time }からオフライン
rules-stale = ルールが古くなっています。早めに同期してください
rules-outdated = ルールの期限切れ：係員をお呼びください
rules-none = ルール未登録：係員をお呼びください
camera-ready = カメラ準備完了
camera-starting = カメラを起動中…
camera-none = カメラなし：スキャナーをご利用ください
camera-lost = カメラ切断、再接続中…
camera-busy = カメラは別のプログラムが使用中です
demo-banner = デモ
demo-offer = デモを開始
demo-note = デモ用コード専用です。実際の入口では使えません。

## Verdict screen: the large word, and one line under it
verdict-green = 通過
verdict-yellow = 係員へ
verdict-red = 通行不可
verdict-grey = 確認不可
verdict-green-line = どうぞお進みください
verdict-yellow-line = 係員にお声がけください
verdict-red-line = 入場できません
verdict-grey-line = コードを確認できませんでした
label-name = 氏名
label-id = 身分証
label-test = 直近の検査
label-vaccination = ワクチン接種
label-checked-at = 確認日時
test-negative = 陰性、{ $time }
test-positive = 陽性、{ $time }
test-none = なし
vaccination-doses = { $doses }回接種、最終 { $date }
vaccination-none = なし
back-to-scan = 次の方

## Reasons, in plain language
reason-malformed = コードが破損しているか不完全です
reason-format-unsupported = この種類のコードはここでは使えません
reason-version-unsupported = このコードは新しすぎて、この端末では読めません
reason-proof-missing = スマートフォンのリアルタイムコードを提示してください
reason-issuer-unknown = コードの発行元を認識できません
reason-key-unknown = コードの署名鍵を認識できません
reason-key-not-valid = 有効期限切れの鍵で署名されたコードです
reason-signature-invalid = コードの署名が無効です
reason-credential-too-long = コードの有効期間が長すぎます
reason-credential-not-yet-valid = コードはまだ有効になっていません
reason-credential-expired = コードの期限が切れています。更新してください
reason-proof-invalid = 持ち主のスマートフォンから提示されたコードではありません
reason-proof-stale = 最新のコードではありません。更新してください
reason-proof-replayed = このコードは提示済みです。更新してください
reason-rules-outdated = 端末のルールが期限切れです
reason-policy-error = この施設のルールを適用できませんでした
reason-code-yellow = 健康コードが黄色です
reason-code-red = 健康コードが赤色です
reason-revoked = このコードは取り消されています
reason-test-missing = ここでは検査結果が必要です
reason-test-too-old = 検査からの期間がこの施設の基準を超えています
reason-test-positive = 直近の検査結果が陽性です
reason-vaccination-incomplete = ここでは追加のワクチン接種が必要です
reason-rule-failed = この施設の条件を満たしていません
reason-colour-override = コードの色が変更されました
reason-rules-stale = 端末のルールをまもなく更新する必要があります

## Staff screen
staff-open = 係員
staff-title = 係員用設定
pin-prompt = 係員用PINを入力してください
pin-wrong = PINが違います。残り{ $left }回
pin-locked = 誤入力が多いため{ $minutes }分間ロックされています
pin-ok = OK
pin-clear = クリア
staff-close = 閉じる
staff-rules = ルール
staff-bundle = ルールセット { $authority } バージョン { $version }（発行 { $time }）
staff-bundle-none = ルールセットなし
staff-last-sync = 前回の同期：{ $result }
staff-never-synced = 未同期
staff-sync-now = 今すぐ同期
staff-syncing = 同期中…
staff-camera = カメラ
staff-venue = 施設
staff-default-language = 既定の言語
staff-volume = 音量
staff-care-default = 大きな文字を既定にする
staff-auto-return = { $seconds }秒後にスキャン画面へ戻る
staff-records = 最近の確認履歴
staff-filter-all = すべて
staff-export = CSVエクスポート
staff-exported = { $file } にエクスポートしました
staff-counts = 1時間ごとの確認件数
staff-records-warning = 記録：{ $warning }
staff-fullscreen = 全画面表示を終了
staff-quit = HealthGateを終了
on = オン
off = オフ
