# HealthGate screen text, Traditional Chinese as used in Hong Kong (zh-HK).
# Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = 請出示健康碼
scan-hint = 請將二維碼對準鏡頭
scan-language = 語言
care-mode = 大字顯示
care-mode-off = 標準顯示
rules-synced = 規則於 { $minutes } 分鐘前更新
rules-offline = 自 { $time } 起離線
rules-stale = 規則即將過時，請盡快同步
rules-outdated = 規則已過時，請聯絡職員
rules-none = 未安裝規則，請聯絡職員
camera-ready = 鏡頭已準備就緒
camera-starting = 正在啟動鏡頭…
camera-none = 沒有鏡頭，請使用掃描器
camera-lost = 鏡頭已中斷連接，正在重新連接…
camera-busy = 鏡頭正被其他程式使用
camera-demo = 示範鏡頭：重播畫面
demo-banner = 示範
demo-offer = 開始示範
demo-note = 只限示範碼，不可用於實際出入口。

## Verdict screen: the large word, and one line under it
verdict-green = 通過
verdict-yellow = 請找職員
verdict-red = 禁止進入
verdict-grey = 無法核實
verdict-green-line = 請進
verdict-yellow-line = 請向在場職員查詢
verdict-red-line = 請勿進入
verdict-grey-line = 未能核實此碼
label-name = 姓名
label-id = 證件
label-test = 最近檢測
label-vaccination = 疫苗接種
label-checked-at = 核實時間
test-negative = 陰性，{ $time }
test-positive = 陽性，{ $time }
test-none = 沒有記錄
vaccination-doses = 已接種 { $doses } 劑，最近一劑 { $date }
vaccination-none = 沒有記錄
back-to-scan = 下一位

## Reasons, in plain language
reason-malformed = 此碼已損壞或不完整
reason-format-unsupported = 此處不接受這類碼
reason-version-unsupported = 此碼版本太新，本機未能讀取
reason-proof-missing = 請出示手機上的實時碼
reason-issuer-unknown = 未能識別此碼的簽發機構
reason-key-unknown = 未能識別此碼的簽署密鑰
reason-key-not-valid = 此碼以已失效的密鑰簽署
reason-signature-invalid = 此碼的簽署無效
reason-credential-too-long = 此碼的有效期過長
reason-credential-not-yet-valid = 此碼尚未生效
reason-credential-expired = 此碼已過期，請更新
reason-schema-invalid = 證書內容格式不符合要求
reason-key-usage-invalid = 簽發方無權簽發此類證書
reason-proof-invalid = 此碼並非由持有人的手機出示
reason-proof-stale = 此碼並非實時碼，請更新
reason-proof-replayed = 此碼已出示過，請更新
reason-rules-outdated = 本機規則已過時
reason-policy-error = 未能套用此處的規則
reason-code-yellow = 你的健康碼為黃碼
reason-code-red = 你的健康碼為紅碼
reason-revoked = 此碼已被撤銷
reason-test-missing = 此處須出示檢測結果
reason-test-too-old = 你的檢測結果已超出此處的時限
reason-test-positive = 你最近一次檢測結果呈陽性
reason-vaccination-incomplete = 此處要求接種更多劑疫苗
reason-rule-failed = 未符合此處的規定
reason-colour-override = 你的健康碼顏色已更新
reason-rules-stale = 本機規則需盡快更新

## Staff screen
staff-open = 職員
staff-title = 職員設定
pin-prompt = 請輸入職員密碼
pin-wrong = 密碼錯誤，尚餘 { $left } 次機會
pin-locked = 錯誤次數過多，已鎖定 { $minutes } 分鐘
pin-ok = 確定
pin-clear = 清除
staff-close = 關閉
staff-rules = 規則
staff-bundle = 規則包 { $authority }，版本 { $version }，簽發於 { $time }
staff-bundle-none = 沒有規則包
staff-last-sync = 上次同步：{ $result }，{ $time }
staff-never-synced = 從未同步
sync-installed = 已安裝新規則
sync-unchanged = 沒有更新的規則
sync-refused = 規則被拒絕
sync-failed = 失敗
staff-sync-now = 立即同步
staff-syncing = 正在同步…
staff-sync-off = 本機不會同步：未設定 [bundle] url
staff-camera = 鏡頭
staff-venue = 場所
staff-default-language = 預設語言
staff-volume = 音量
staff-care-default = 預設使用大字顯示
staff-auto-return = { $seconds } 秒後返回掃描
staff-records = 最近核實記錄
staff-filter-all = 全部
staff-export = 匯出 CSV
staff-exported = 已匯出至 { $file }
staff-counts = 每小時核實次數
staff-records-warning = 記錄：{ $warning }
staff-settings-kept = 更改儲存在此檔案中：
staff-settings-not-kept = 更改只在重新啟動前有效
staff-settings-failed = 無法儲存此更改：{ $error }
staff-fullscreen = 退出全螢幕
staff-quit = 結束 HealthGate
on = 開
off = 關
