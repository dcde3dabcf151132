/**
 * The machine's transition records in Chinese, keyed by transition id (src/machine/definition.ts). English is the
 * definition's own text; this file holds only what a Chinese page says instead. `sends` keeps the RFC's notation
 * (`<SEQ=ISS><CTL=SYN>` is what the RFC prints) and is here only where the English one has words around it.
 * State names, segment flags and RFC variable names stay as the RFC writes them.
 *
 * src/i18n/transitions.test.ts checks that every id of the machine has an entry, that no entry names an id the
 * machine does not have, and that each entry has exactly the optional fields its English record has.
 */

/** What a Chinese page shows for one transition record, field by field. */
export interface TransitionText {
  event: string;
  guard?: string;
  note?: string;
  reports?: string;
  /** One entry per English timer action, in the same order. */
  timers?: string[];
  /** Only where the English `sends` has words outside the RFC's `<…>` fields; every field is kept as written. */
  sends?: string;
}

// Errors and signals the RFC defines for the user (§3.10): the Chinese first, the RFC's words beside it.
const NOT_EXIST = '连接不存在（connection does not exist）';
const ALREADY_EXISTS = '连接已存在（connection already exists）';
const RESET = '连接被重置（connection reset）';
const CLOSING = '连接正在关闭（connection closing）';
const REFUSED = '连接被拒绝（connection refused）';
const TIMED_OUT = '连接超时（connection timed out）';

const START_RTX = '启动重传定时器';
const STOP_RTX = '停止重传定时器';
const STOP_ALL = ['停止重传定时器', '停止延迟 ACK 定时器', '停止 TIME-WAIT 定时器'];
const START_2MSL = '启动 TIME-WAIT 定时器（2MSL）';
const RETRANSMIT_AGAIN = ['以加倍的 RTO 重启重传定时器（RFC 6298 §5.5）'];

const SEND_ACK = '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>';
const SEND_FIN = '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>（排在已排队的数据之后）';
const SEND_DATA = '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> + 数据，不超过 MSS 和对端的窗口';
const CHALLENGE_ACK = `${SEND_ACK}（挑战 ACK）`;
const FRONT_OF_QUEUE = '重传队列队首的报文段，再发一次';

const PASSIVE_OPEN = '被动打开（listen）';
const ACTIVE_OPEN = '主动打开（connect）';
const SEND = 'SEND 调用';
const CLOSE = 'CLOSE 调用';
const ABORT = 'ABORT 调用';
const OPEN_AGAIN = 'OPEN 调用（listen 或 connect）';
const RCV_RST = '接收 RST';
const RCV_SYN = '接收 SYN';
const RCV_FIN = '接收 FIN';
const RCV_ACK = '接收 ACK';
const RCV_ACK_OF_FIN = '接收对我方 FIN 的 ACK';
const RCV_ACK_OR_DATA = '接收 ACK / 数据';
const RTO = '重传超时';
const GIVE_UP = '重传超时，重传次数已用完';
const DELAYED_ACK_TIMEOUT = '延迟 ACK 超时';

const UNACCEPTABLE = '接收不可接受的报文段';
const FAILS_TABLE_6 = '未通过表 6 的可接受性检查（不是 RST）';
const FAILS_TABLE_6_OR_ACK = `${FAILS_TABLE_6}，或其 ACK 不在 [SND.UNA − MAX.SND.WND, SND.NXT] 之内：确认了从未发送的数据，或过旧（RFC 5961 §5）`;
const OLD_DUPLICATE_ACKED = '旧的重复报文段用一个 ACK 回答，告诉发送方我们期望的是什么。';
const RETRANSMITTED_FIN_ACKED = '重传的 FIN 落在这里，再确认一次。';
const RST_OUT_OF_WINDOW = '接收窗口外的 RST';
const SEQ_OUTSIDE_WINDOW = 'SEG.SEQ 在接收窗口之外';
const SILENTLY_DROPPED = '静默丢弃（RFC 5961 §3.2，检查 1）。';
const RST_IN_WINDOW = '接收窗口内的 RST';
const SEQ_IN_WINDOW_NOT_EXACT = 'SEG.SEQ 在窗口内，但不等于 RCV.NXT';
const CHALLENGE_ON_RST = 'RFC 5961 §3.2 检查 3：盲攻击者必须精确猜中 RCV.NXT；真正的对端会用序列号精确的 RST 回应挑战 ACK。';
const EXACT_RST = 'SEG.SEQ = RCV.NXT';
const VALID_RST_ENDS = '图 5 的注 3：有效的 RST 在任何状态下都会结束连接。';
const SYN_IN_WINDOW = 'SYN 位置位，SEG.SEQ 在窗口内（窗口外的 SYN 在序列号检查中得到同样的 ACK：见 rcv-unacceptable）';
const CHALLENGE_ON_SYN = 'RFC 5961 §4：RFC 793 旧有的做法（回 RST 并关闭）让盲攻击者可以掐断连接。';
const ACK_BIT_OFF = '或 ACK 位未置位（丢弃，第五项检查）';
const QUEUED_UNTIL_ESTABLISHED = '数据排队，进入 ESTABLISHED 之后再发送。';
const ABORT_WITH_RST = '已排队和未确认的数据全部丢弃；对端通过 RST 得知此事。';
const ABORT_WITHOUT_RST = '“回应 ok 并删除 TCB”：不发 RST，双方的 FIN 都已发出。';
const FIN_WAIT_SECOND_CLOSE = '严格说是错误；只要不发送第二个 FIN，回应“ok”也可以接受。';
const DELAYED_ACK_NOTE = '其间没有发出可以捎带这个 ACK 的报文段。MUST-40：延迟不超过 0.5 秒。';
const GIVE_UP_NOTE = '达到 R2：“关闭连接”。报告的消息取自 Linux 的 ETIMEDOUT。';
const fewerThan = (limit: string) => `目前的重传次数少于 ${limit}`;
const alreadySent = (limit: string) => `已经重传了 ${limit} 次`;

export const TRANSITIONS_ZH_CN: Record<string, TransitionText> = {
  // CLOSED
  'closed-listen': { event: PASSIVE_OPEN, note: '创建 TCB 并等待；什么也不发送。' },
  'closed-connect': { event: ACTIVE_OPEN, timers: [START_RTX], note: 'SND.UNA = ISS，SND.NXT = ISS+1：SYN 占用一个序列号。' },
  'closed-send': { event: SEND, reports: NOT_EXIST },
  'closed-close': { event: CLOSE, reports: NOT_EXIST },
  'closed-abort': { event: ABORT, reports: NOT_EXIST },
  'closed-rcv-rst': { event: RCV_RST, note: '永远不回应 RST，所以两个关闭的端口不会互相来回发送复位。' },
  'closed-rcv-segment': {
    event: '接收不带 RST 的报文段',
    sends: 'ACK 置位时发送 <SEQ=SEG.ACK><CTL=RST>，否则发送 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>',
    note: '这就是从另一端看到的“连接被拒绝”：发往关闭端口的 SYN 得到 RST,ACK 回答。',
  },

  // LISTEN
  'listen-rcv-rst': { event: RCV_RST, note: 'RST“不可能是对这个连接实例所发内容的回应”：忽略。' },
  'listen-rcv-ack': { event: RCV_ACK, guard: 'ACK 位置位（不论是否带 SYN）', note: '在 LISTEN 中任何确认都是错误的；回复的 RST 构造成能被其发送方接受。' },
  'listen-rcv-syn': {
    event: RCV_SYN,
    guard: '带 SYN，不带 ACK 和 RST',
    timers: [START_RTX],
    note: 'IRS = SEG.SEQ，RCV.NXT = SEG.SEQ+1；TCB 记住自己来自被动打开（MUST-11）。',
  },
  'listen-rcv-other': { event: '接收其他报文段', guard: '不带 SYN、ACK 和 RST（例如单独的 FIN）', note: '“不应走到这里。丢弃报文段并返回。”' },
  'listen-connect': { event: ACTIVE_OPEN, timers: [START_RTX], note: '连接由被动转为主动。' },
  'listen-send': { event: SEND, timers: [START_RTX], note: '指定了远端套接字的 SEND 把被动连接变成主动连接；数据等到 ESTABLISHED 再发。' },
  'listen-listen': {
    event: PASSIVE_OPEN,
    reports: ALREADY_EXISTS,
    note: 'RFC 的 LISTEN 分支只讲了主动打开；用后续状态的消息拒绝第二次被动打开，是本模型的选择。',
  },
  'listen-close': { event: CLOSE, note: '删除 TCB；什么也不发送。' },
  'listen-abort': { event: ABORT, note: '删除 TCB；不发 RST，因为没有对端。' },

  // SYN-SENT
  'syn-sent-rcv-bad-ack': { event: '接收不可接受的 ACK', guard: 'SEG.ACK =< ISS 或 SEG.ACK > SND.NXT，不带 RST', note: '旧的重复 SYN,ACK 就是这样被清除的（图 8）。' },
  'syn-sent-rcv-rst': {
    event: RCV_RST,
    guard: '这个 RST 确认了我方 SYN（SND.UNA < SEG.ACK =< SND.NXT）',
    timers: STOP_ALL,
    reports: RESET,
    note: '程序看到的“连接被拒绝”就是它（Linux 报告 ECONNREFUSED）。',
  },
  'syn-sent-rcv-rst-unacceptable': { event: RCV_RST, guard: '不带 ACK，或 ACK 没有确认我方 SYN', note: '丢弃：在这里只有确认了我方 SYN 的 RST 才可信。' },
  'syn-sent-rcv-syn-ack': {
    event: '接收 SYN,ACK',
    guard: '带 SYN，且 ACK 可接受',
    sends: '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>（从不延迟；可以捎带已排队的数据）',
    timers: [STOP_RTX],
  },
  'syn-sent-rcv-syn-ack-fin': {
    event: '接收带 FIN 的 SYN,ACK',
    guard: 'SYN、可接受的 ACK 和 FIN 在同一个报文段中',
    timers: [STOP_RTX],
    reports: CLOSING,
    note: '先进入 ESTABLISHED，然后“从第六步继续处理”：同一个报文段里的 FIN 让连接接着进入 CLOSE-WAIT。',
  },
  'syn-sent-rcv-syn': {
    event: RCV_SYN,
    guard: '带 SYN，不带 ACK（同时打开）',
    timers: ['重启重传定时器'],
    note: '同时打开（图 7），实现必须支持（MUST-10）；TCB 记住自己来自主动打开。',
  },
  'syn-sent-rcv-other': { event: '接收既不带 SYN 也不带 RST 的报文段', note: '“第五，如果 SYN 和 RST 位都没有置位，丢弃报文段”；在这里无法验证 FIN。' },
  'syn-sent-send': { event: SEND, note: QUEUED_UNTIL_ESTABLISHED },
  'syn-sent-close': { event: CLOSE, timers: STOP_ALL, note: '删除 TCB；既不发 FIN 也不发 RST。' },
  'syn-sent-abort': { event: ABORT, timers: STOP_ALL, note: '删除 TCB；不发 RST。' },
  'syn-sent-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'syn-sent-timeout-retransmit': { event: RTO, guard: fewerThan('synRetries'), sends: FRONT_OF_QUEUE, timers: RETRANSMIT_AGAIN },
  'syn-sent-timeout-give-up': {
    event: GIVE_UP,
    guard: alreadySent('synRetries'),
    timers: STOP_ALL,
    reports: TIMED_OUT,
    note: '达到 R2：“关闭连接”，报告 Linux 的 ETIMEDOUT。按默认值（RTO 1 秒，重传 6 次，与 Linux 相同）共 127 秒，短于 MUST-23 对 SYN 要求的 3 分钟。',
  },

  // SYN-RECEIVED
  'syn-received-rcv-ack': { event: '接收对 SYN 的 ACK', guard: 'SND.UNA < SEG.ACK =< SND.NXT', sends: `收到数据时发送 ${SEND_ACK}（按配置可以延迟；乱序数据立即确认；可以捎带已排队的数据）`, timers: [STOP_RTX], note: '什么也不发送：握手的第三个报文段不需要回复（除非它带有数据）。' },
  'syn-received-rcv-fin': {
    event: RCV_FIN,
    guard: 'FIN 与对我方 SYN 的 ACK 一起到达',
    sends: `${SEND_ACK}（可以延迟，捎带在我方 FIN 上）`,
    timers: [STOP_RTX],
    reports: CLOSING,
    note: '第八步把 SYN-RECEIVED 与 ESTABLISHED 列在一起：对端可能在我们看到 ESTABLISHED 之前就关闭。',
  },
  'syn-received-rcv-bad-ack': { event: '接收不可接受的 ACK', guard: 'SEG.ACK =< SND.UNA 或 SEG.ACK > SND.NXT' },
  'syn-received-rcv-no-ack': { event: '接收不带 ACK 的报文段', note: '“如果 ACK 位未置位，丢弃报文段并返回。”' },
  'syn-received-rcv-rst-passive': {
    event: RCV_RST,
    guard: 'SEG.SEQ = RCV.NXT，从 LISTEN 进入（被动打开）',
    timers: [STOP_RTX],
    note: '图 5 的注 1：监听方挺过旧的重复 SYN（图 8）；不通知用户。',
  },
  'syn-received-rcv-rst-active': { event: RCV_RST, guard: 'SEG.SEQ = RCV.NXT，从 SYN-SENT 进入（主动打开）', timers: STOP_ALL, reports: REFUSED },
  'syn-received-rcv-syn-passive': {
    event: RCV_SYN,
    guard: '可接受的 SYN，从 LISTEN 进入（被动打开）',
    timers: [STOP_RTX],
    note: '“第四，检查 SYN 位”：被动打开的连接回到 LISTEN。',
  },
  'syn-received-send': { event: SEND, note: QUEUED_UNTIL_ESTABLISHED },
  'syn-received-close': {
    event: CLOSE,
    timers: [START_RTX],
    note: '在握手完成之前关闭。如果有数据在排队，RFC 把 CLOSE 推迟到 ESTABLISHED；本模型立即进入 FIN-WAIT-1，像 ESTABLISHED 一样在数据之后发送 FIN。',
  },
  'syn-received-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITH_RST },
  'syn-received-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'syn-received-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6, note: OLD_DUPLICATE_ACKED },
  'syn-received-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'syn-received-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'syn-received-rcv-syn-active': { event: RCV_SYN, guard: '可接受的 SYN，从 SYN-SENT 进入（主动打开）', sends: CHALLENGE_ACK, note: '与同步状态中的处理相同。' },
  'syn-received-timeout-retransmit': { event: RTO, guard: fewerThan('synRetries'), sends: FRONT_OF_QUEUE, timers: RETRANSMIT_AGAIN },
  'syn-received-timeout-give-up': {
    event: GIVE_UP,
    guard: alreadySent('synRetries'),
    timers: STOP_ALL,
    reports: TIMED_OUT,
    note: '达到 R2：连接被关闭（Linux 在 tcp_synack_retries 次之后丢弃请求套接字，默认 5 次，监听套接字保持打开；这里沿用 synRetries，唯一的 TCB 进入 CLOSED）。',
  },

  // ESTABLISHED
  'established-rcv-fin': {
    event: RCV_FIN,
    guard: 'FIN 按序到达（SEG.SEQ+数据 = RCV.NXT）',
    sends: `${SEND_ACK}（可以延迟，捎带在我方 FIN 上）`,
    reports: CLOSING,
    note: '被动关闭方进入 CLOSE-WAIT，而不是 FIN-WAIT-2；它一直停在那里，直到自己的应用调用 close()。',
  },
  'established-send': { event: SEND, sends: SEND_DATA, timers: [START_RTX] },
  'established-close': { event: CLOSE, sends: SEND_FIN, timers: [START_RTX], note: 'FIN 占用一个序列号，排在所有已排队的数据之后。' },
  'established-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITH_RST },
  'established-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'established-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6_OR_ACK, note: OLD_DUPLICATE_ACKED },
  'established-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'established-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'established-rcv-rst': { event: RCV_RST, guard: EXACT_RST, timers: STOP_ALL, reports: RESET, note: VALID_RST_ENDS },
  'established-rcv-syn': { event: RCV_SYN, guard: SYN_IN_WINDOW, sends: CHALLENGE_ACK, note: CHALLENGE_ON_SYN },
  'established-rcv-segment': {
    event: RCV_ACK_OR_DATA,
    guard: `可接受，不带 FIN；${ACK_BIT_OFF}`,
    sends: `收到数据时发送 ${SEND_ACK}（按配置可以延迟；乱序数据立即确认）`,
    timers: ['收到新的 ACK 时重启或停止重传定时器'],
  },
  'established-timeout-retransmit': { event: RTO, guard: fewerThan('retries'), sends: FRONT_OF_QUEUE, timers: RETRANSMIT_AGAIN },
  'established-timeout-give-up': { event: GIVE_UP, guard: alreadySent('retries'), timers: STOP_ALL, reports: TIMED_OUT, note: GIVE_UP_NOTE },
  'established-timeout-delayed-ack': { event: DELAYED_ACK_TIMEOUT, note: DELAYED_ACK_NOTE },

  // FIN-WAIT-1
  'fin-wait-1-rcv-ack-of-fin': { event: RCV_ACK_OF_FIN, sends: `收到数据时发送 ${SEND_ACK}`, timers: [STOP_RTX] },
  'fin-wait-1-rcv-fin': { event: RCV_FIN, guard: '我方 FIN 尚未被确认', reports: CLOSING, note: '同时关闭（图 13）：两端最后都进入 TIME-WAIT。' },
  'fin-wait-1-rcv-fin-ack-of-fin': {
    event: '接收 FIN,ACK（确认了我方 FIN）',
    guard: '报文段带 FIN，且确认了我方 FIN',
    timers: [STOP_RTX, START_2MSL],
    reports: CLOSING,
    note: '图 5 的注 2：三报文段关闭走这条边，跳过 FIN-WAIT-2。',
  },
  'fin-wait-1-send': { event: SEND, reports: CLOSING },
  'fin-wait-1-close': { event: CLOSE, reports: CLOSING, note: FIN_WAIT_SECOND_CLOSE },
  'fin-wait-1-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITH_RST },
  'fin-wait-1-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'fin-wait-1-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6_OR_ACK, note: OLD_DUPLICATE_ACKED },
  'fin-wait-1-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'fin-wait-1-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'fin-wait-1-rcv-rst': { event: RCV_RST, guard: EXACT_RST, timers: STOP_ALL, reports: RESET, note: VALID_RST_ENDS },
  'fin-wait-1-rcv-syn': { event: RCV_SYN, guard: SYN_IN_WINDOW, sends: CHALLENGE_ACK, note: CHALLENGE_ON_SYN },
  'fin-wait-1-rcv-segment': {
    event: RCV_ACK_OR_DATA,
    guard: `可接受，不带 FIN，我方 FIN 尚未被确认；${ACK_BIT_OFF}`,
    sends: `收到数据时发送 ${SEND_ACK}`,
    note: '半关闭：发出 FIN 之后仍然可以接收。',
  },
  'fin-wait-1-timeout-retransmit': { event: RTO, guard: fewerThan('retries'), sends: FRONT_OF_QUEUE, timers: RETRANSMIT_AGAIN },
  'fin-wait-1-timeout-give-up': { event: GIVE_UP, guard: alreadySent('retries'), timers: STOP_ALL, reports: TIMED_OUT, note: GIVE_UP_NOTE },
  'fin-wait-1-timeout-delayed-ack': { event: DELAYED_ACK_TIMEOUT, note: DELAYED_ACK_NOTE },

  // FIN-WAIT-2
  'fin-wait-2-rcv-fin': {
    event: RCV_FIN,
    timers: ['停止延迟 ACK 定时器', START_2MSL],
    reports: CLOSING,
    note: '最后一个 ACK 现在就发送，而不是等 2MSL 之后；随后 TIME-WAIT 等待，以防这个 ACK 丢失。',
  },
  'fin-wait-2-send': { event: SEND, reports: CLOSING },
  'fin-wait-2-close': { event: CLOSE, reports: CLOSING, note: FIN_WAIT_SECOND_CLOSE },
  'fin-wait-2-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITH_RST },
  'fin-wait-2-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'fin-wait-2-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6_OR_ACK, note: OLD_DUPLICATE_ACKED },
  'fin-wait-2-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'fin-wait-2-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'fin-wait-2-rcv-rst': { event: RCV_RST, guard: EXACT_RST, timers: STOP_ALL, reports: RESET, note: VALID_RST_ENDS },
  'fin-wait-2-rcv-syn': { event: RCV_SYN, guard: SYN_IN_WINDOW, sends: CHALLENGE_ACK, note: CHALLENGE_ON_SYN },
  'fin-wait-2-rcv-segment': {
    event: RCV_ACK_OR_DATA,
    guard: `可接受，不带 FIN；${ACK_BIT_OFF}`,
    sends: `收到数据时发送 ${SEND_ACK}`,
    note: 'RFC 9293 在这里没有设时间上限；Linux 的 tcp_fin_timeout 只作用于孤儿套接字。',
  },
  'fin-wait-2-timeout-delayed-ack': { event: DELAYED_ACK_TIMEOUT, note: DELAYED_ACK_NOTE },

  // CLOSE-WAIT
  'close-wait-send': { event: SEND, sends: SEND_DATA, timers: [START_RTX], note: '半关闭：收到 FIN 的一方可以继续发送（§3.6.1）。' },
  'close-wait-close': { event: CLOSE, sends: SEND_FIN, timers: [START_RTX, '停止延迟 ACK 定时器'], note: '对对端 FIN 的延迟 ACK 捎带在这个 FIN 上：三报文段关闭。' },
  'close-wait-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITH_RST },
  'close-wait-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'close-wait-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6_OR_ACK, note: RETRANSMITTED_FIN_ACKED },
  'close-wait-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'close-wait-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'close-wait-rcv-rst': { event: RCV_RST, guard: EXACT_RST, timers: STOP_ALL, reports: RESET, note: VALID_RST_ENDS },
  'close-wait-rcv-syn': { event: RCV_SYN, guard: SYN_IN_WINDOW, sends: CHALLENGE_ACK, note: CHALLENGE_ON_SYN },
  'close-wait-rcv-segment': { event: RCV_ACK, guard: `可接受；数据一律忽略（对端已发送 FIN）；${ACK_BIT_OFF}` },
  'close-wait-timeout-retransmit': { event: RTO, guard: fewerThan('retries'), sends: FRONT_OF_QUEUE, timers: RETRANSMIT_AGAIN },
  'close-wait-timeout-give-up': { event: GIVE_UP, guard: alreadySent('retries'), timers: STOP_ALL, reports: TIMED_OUT, note: GIVE_UP_NOTE },
  'close-wait-timeout-delayed-ack': { event: DELAYED_ACK_TIMEOUT, note: DELAYED_ACK_NOTE },

  // CLOSING
  'closing-rcv-ack-of-fin': { event: RCV_ACK_OF_FIN, timers: [STOP_RTX, START_2MSL] },
  'closing-send': { event: SEND, reports: CLOSING },
  'closing-close': { event: CLOSE, reports: CLOSING },
  'closing-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITHOUT_RST },
  'closing-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'closing-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6_OR_ACK, note: RETRANSMITTED_FIN_ACKED },
  'closing-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'closing-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'closing-rcv-rst': { event: RCV_RST, guard: EXACT_RST, timers: STOP_ALL, note: VALID_RST_ENDS },
  'closing-rcv-syn': { event: RCV_SYN, guard: SYN_IN_WINDOW, sends: CHALLENGE_ACK, note: CHALLENGE_ON_SYN },
  'closing-rcv-segment': { event: RCV_ACK, guard: `可接受，没有确认我方 FIN；${ACK_BIT_OFF}`, note: '“否则，忽略这个报文段。”' },
  'closing-timeout-retransmit': { event: RTO, guard: fewerThan('retries'), sends: FRONT_OF_QUEUE, timers: RETRANSMIT_AGAIN },
  'closing-timeout-give-up': { event: GIVE_UP, guard: alreadySent('retries'), timers: STOP_ALL, reports: TIMED_OUT, note: GIVE_UP_NOTE },

  // LAST-ACK
  'last-ack-rcv-ack-of-fin': { event: RCV_ACK_OF_FIN, timers: STOP_ALL, note: '被动关闭方从不进入 TIME-WAIT。' },
  'last-ack-send': { event: SEND, reports: CLOSING },
  'last-ack-close': { event: CLOSE, reports: CLOSING },
  'last-ack-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITHOUT_RST },
  'last-ack-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'last-ack-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6_OR_ACK, note: RETRANSMITTED_FIN_ACKED },
  'last-ack-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'last-ack-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'last-ack-rcv-rst': { event: RCV_RST, guard: EXACT_RST, timers: STOP_ALL, note: VALID_RST_ENDS },
  'last-ack-rcv-syn': { event: RCV_SYN, guard: SYN_IN_WINDOW, sends: CHALLENGE_ACK, note: CHALLENGE_ON_SYN },
  'last-ack-rcv-segment': { event: RCV_ACK, guard: `可接受，没有确认我方 FIN；${ACK_BIT_OFF}` },
  'last-ack-timeout-retransmit': { event: RTO, guard: fewerThan('retries'), sends: FRONT_OF_QUEUE, timers: RETRANSMIT_AGAIN },
  'last-ack-timeout-give-up': { event: GIVE_UP, guard: alreadySent('retries'), timers: STOP_ALL, reports: TIMED_OUT, note: GIVE_UP_NOTE },

  // TIME-WAIT
  'time-wait-rcv-fin': {
    event: '接收（重传的）FIN',
    guard: '对端的 FIN 又来了：我方最后一个 ACK 丢失了',
    timers: ['重启 TIME-WAIT 定时器（2MSL）'],
    note: '这正是 TIME-WAIT 存在的理由：最后一个 ACK 可以重发，2MSL 等待从头开始。',
  },
  'time-wait-timeout': { event: '2MSL 超时', note: '删除 TCB。MUST-13：TIME-WAIT 持续 2×MSL（Linux 固定为 60 秒）。' },
  'time-wait-send': { event: SEND, reports: CLOSING },
  'time-wait-close': { event: CLOSE, reports: CLOSING },
  'time-wait-abort': { event: ABORT, timers: STOP_ALL, note: ABORT_WITHOUT_RST },
  'time-wait-open': { event: OPEN_AGAIN, reports: ALREADY_EXISTS },
  'time-wait-rcv-unacceptable': { event: UNACCEPTABLE, guard: FAILS_TABLE_6_OR_ACK, note: OLD_DUPLICATE_ACKED },
  'time-wait-rcv-rst-out-of-window': { event: RST_OUT_OF_WINDOW, guard: SEQ_OUTSIDE_WINDOW, note: SILENTLY_DROPPED },
  'time-wait-rcv-rst-inexact': { event: RST_IN_WINDOW, guard: SEQ_IN_WINDOW_NOT_EXACT, sends: CHALLENGE_ACK, note: CHALLENGE_ON_RST },
  'time-wait-rcv-rst': {
    event: RCV_RST,
    guard: EXACT_RST,
    timers: STOP_ALL,
    note: 'TIME-WAIT 暗杀（RFC 1337）：RFC 9293 仍然规定进入 CLOSED；Linux 可以忽略它（tcp_rfc1337）。',
  },
  'time-wait-rcv-syn': {
    event: RCV_SYN,
    guard: SYN_IN_WINDOW,
    sends: CHALLENGE_ACK,
    note: 'RFC 5961 挑战 ACK；本模型不模拟 TIME-WAIT 收到新 SYN 时重新打开连接（MAY-2，RFC 6191）。',
  },
  'time-wait-rcv-segment': {
    event: '接收报文段',
    guard: `可接受，不带 FIN；${ACK_BIT_OFF}`,
    note: '“这个状态下唯一可能到达的是对端 FIN 的重传”；其他一律忽略。',
  },
};
