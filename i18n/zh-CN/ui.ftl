# HealthGate screen text, Simplified Chinese (zh-CN). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = 请出示健康码
scan-hint = 请将二维码对准摄像头
scan-language = 语言
care-mode = 关怀模式
care-mode-off = 标准模式
rules-synced = 规则已于 { $minutes } 分钟前更新
rules-offline = 自 { $time } 起离线
rules-stale = 规则即将过期，请尽快同步
rules-outdated = 规则已过期，请联系工作人员
rules-none = 未安装规则，请联系工作人员
camera-ready = 摄像头已就绪
camera-starting = 正在启动摄像头…
camera-none = 未检测到摄像头，请使用扫码枪
camera-lost = 摄像头已断开，正在重新连接…
camera-busy = 摄像头被其他程序占用
demo-banner = 演示
demo-offer = 开始演示
demo-note = 仅限演示码，不可用于实际门禁。

## Verdict screen: the large word, and one line under it
verdict-green = 通过
verdict-yellow = 请找工作人员
verdict-red = 禁止通行
verdict-grey = 无法核验
verdict-green-line = 请通行
verdict-yellow-line = 请联系现场工作人员
verdict-red-line = 您不能进入
verdict-grey-line = 此码无法核验
label-name = 姓名
label-id = 证件
label-test = 最近检测
label-vaccination = 疫苗接种
label-checked-at = 核验时间
test-negative = 阴性，{ $time }
test-positive = 阳性，{ $time }
test-none = 无记录
vaccination-doses = 已接种 { $doses } 剂，最近一剂 { $date }
vaccination-none = 无记录
back-to-scan = 下一位

## Reasons, in plain language
reason-malformed = 此码已损坏或不完整
reason-format-unsupported = 本处不支持此类码
reason-version-unsupported = 此码版本过新，本机无法识别
reason-proof-missing = 请出示手机上的实时码
reason-issuer-unknown = 无法识别此码的签发机构
reason-key-unknown = 无法识别此码的签名密钥
reason-key-not-valid = 此码使用已失效的密钥签名
reason-signature-invalid = 此码签名无效
reason-credential-too-long = 此码有效期过长
reason-credential-not-yet-valid = 此码尚未生效
reason-credential-expired = 此码已过期，请刷新
reason-proof-invalid = 此码并非由持码人手机出示
reason-proof-stale = 此码不是实时码，请刷新
reason-proof-replayed = 此码已出示过，请刷新
reason-rules-outdated = 本机规则已过期
reason-policy-error = 无法执行本场所规则
reason-code-yellow = 您的健康码为黄码
reason-code-red = 您的健康码为红码
reason-revoked = 此码已被撤销
reason-test-missing = 本场所须提供检测结果
reason-test-too-old = 您的检测已超出本场所的时限
reason-test-positive = 您最近一次检测为阳性
reason-vaccination-incomplete = 疫苗接种剂次未达到本场所要求
reason-rule-failed = 不符合本场所的规定
reason-colour-override = 您的健康码颜色已更新
reason-rules-stale = 本机规则需尽快更新

## Staff screen
staff-open = 工作人员
staff-title = 工作人员设置
pin-prompt = 请输入工作人员密码
pin-wrong = 密码错误，还可尝试 { $left } 次
pin-locked = 密码错误次数过多，已锁定 { $minutes } 分钟
pin-ok = 确定
pin-clear = 清除
staff-close = 关闭
staff-rules = 规则
staff-bundle = 规则包 { $authority }，版本 { $version }，签发于 { $time }
staff-bundle-none = 无规则包
staff-last-sync = 上次同步：{ $result }
staff-never-synced = 从未同步
staff-sync-now = 立即同步
staff-syncing = 正在同步…
staff-camera = 摄像头
staff-venue = 场所
staff-default-language = 默认语言
staff-volume = 音量
staff-care-default = 默认开启关怀模式
staff-auto-return = { $seconds } 秒后返回扫码
staff-records = 最近核验记录
staff-filter-all = 全部
staff-export = 导出 CSV
staff-exported = 已导出至 { $file }
staff-counts = 每小时核验次数
staff-records-warning = 记录：{ $warning }
staff-fullscreen = 退出全屏
staff-quit = 退出 HealthGate
on = 开
off = 关
