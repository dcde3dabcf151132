/**
 * The diagnose tool's words, English and Chinese: the findings' sentences (used by the CLI and the page) and the
 * page's labels. They live here, in their own module, rather than in the site's catalogues: the page ships only
 * its language's part (Diagnose.astro writes it into data-messages), and the CLI speaks English unless `--lang zh-cn`.
 * A test checks that both languages have the same keys and the same {placeholders}.
 */
import { formatMessage, type MessageParams } from '../i18n/format';

export type DiagnoseLocale = 'en' | 'zh-cn';

const en = {
  // Findings: `finding.<code>.<variant>`; {count} sockets, {ports} the service ports.
  'finding.close-wait-leak.default':
    '{count} sockets in CLOSE-WAIT{ports}: the peer has closed its side and the application on this host has not called close(). The kernel never times CLOSE-WAIT out; look for a missing close() on an error path, a blocked worker or a descriptor inherited by a child process.',
  'finding.time-wait-many.client':
    '{count} sockets in TIME-WAIT{ports}: this host closes first as a client, and {used} of its {range} ephemeral ports are waiting towards {peer}. Keep-alive or connection pooling helps, and net.ipv4.tcp_tw_reuse (outgoing connections only); tcp_tw_recycle was removed in Linux 4.12 and tcp_fin_timeout does not shorten TIME-WAIT, which is fixed at 60 s.',
  'finding.time-wait-many.server':
    '{count} sockets in TIME-WAIT{ports}: this host closes first as a server. They cost little memory and no ports of its own; SO_REUSEADDR lets the server restart on its port, and letting clients close first (or keep-alive) moves TIME-WAIT to them. tcp_tw_recycle was removed in Linux 4.12 and tcp_fin_timeout does not shorten TIME-WAIT.',
  'finding.time-wait-many.summary':
    '{count} sockets in TIME-WAIT (ss -s): whoever closes first holds each for 60 s. Run ss -tan state time-wait to see whether this host is the client (ephemeral local ports, out of {range}) or the server. tcp_tw_recycle was removed in Linux 4.12; tcp_fin_timeout does not shorten TIME-WAIT.',
  'finding.fin-wait-2-orphans.orphans':
    '{count} orphaned sockets in FIN-WAIT-2{ports}: this host closed, the peer acknowledged the FIN but never sent its own. The peer application has not called close(); the kernel drops these orphans after net.ipv4.tcp_fin_timeout (60 s by default).',
  'finding.fin-wait-2-orphans.unknown':
    '{count} sockets in FIN-WAIT-2{ports}: this host closed, the peer acknowledged the FIN but has not sent its own. Orphans (closed by the application) end after net.ipv4.tcp_fin_timeout; a socket still held open by its application (shutdown()) waits as long as the peer does. Add -o or -p to tell them apart.',
  'finding.last-ack-stuck.default':
    '{count} sockets in LAST-ACK{ports} still waiting for the ACK of their FIN: the peer is gone or the path drops its packets. The FIN is retransmitted with backoff until net.ipv4.tcp_orphan_retries gives up.',
  'finding.syn-recv-flood.flood':
    '{count} half-open requests in SYN-RECV{ports} from {peers} peers: a SYN flood looks like this. SYN cookies (net.ipv4.tcp_syncookies=1, the default) answer once the SYN queue overflows; the queue is bounded by the listener\'s backlog.',
  'finding.syn-recv-flood.fewPeers':
    '{count} half-open requests in SYN-RECV{ports} from only {peers} peers: their final handshake ACKs are not arriving (lost, filtered, or dropped because the accept queue is full). The server resends its SYN,ACK up to net.ipv4.tcp_synack_retries times.',
  'finding.syn-sent-unanswered.default':
    '{count} outgoing connects in SYN-SENT{ports} get no answer: a firewall drops the SYNs (a filtered port) or the host is down. Linux retries the SYN (net.ipv4.tcp_syn_retries) and connect() fails after about two minutes.',
  'finding.accept-queue-overflow.default':
    'A listener{ports} has {queue} connections waiting in its accept queue, at its backlog of {backlog}: the application does not call accept() fast enough. Linux then drops new handshakes (or resets them with net.ipv4.tcp_abort_on_overflow=1); the backlog is capped by net.core.somaxconn.',
  'finding.retransmitting.default':
    '{count} sockets{ports} are retransmitting (up to {most} times): their data is not being acknowledged. Loss on the path, or a peer that has gone away; the connection is given up after net.ipv4.tcp_retries2.',
  'finding.zero-window.default':
    '{count} sockets{ports} are probing a zero window (persist timer): the peer stopped reading, its receive buffer is full. The fix is in the reading application, not in the network.',
  'finding.keepalive-missing.default':
    '{count} established sockets{ports} have been idle for more than {idle} s with no keepalive timer: if the peer vanished, nothing will notice. Set SO_KEEPALIVE (timings in net.ipv4.tcp_keepalive_*) or an application-level heartbeat.',
  'finding.ports': ' on port {ports}',
  'finding.portsMany': ' on ports {ports}',
  // The page.
  'ui.heading': 'Diagnose your sockets',
  'ui.ariaLabel': 'Diagnose a host\'s sockets',
  'ui.needsJs': 'Reading your own output needs JavaScript. It runs in this page; nothing is uploaded.',
  'ui.local': 'The text is parsed in this page (in a background worker when it is long); nothing is uploaded anywhere.',
  'ui.paste': 'Paste the output of ss -tan (or -tanp, -tanoi, -lnt, -s), netstat -ant(p), /proc/net/tcp(6) or tcpstates:',
  'ui.file': 'Or open a file:',
  'ui.diagnose': 'Diagnose',
  'ui.example': 'Or try a real recording:',
  'ui.reading': 'Reading…',
  'ui.errorAt': 'Line {line}: expected {expected}, found {found}.',
  'ui.error': 'Could not read the input: {message}',
  'ui.summary': 'Format {format}: {count} sockets.',
  'ui.summaryOnly': 'Format ss -s: totals only, {total} TCP sockets.',
  'ui.histogramHeading': 'Sockets per state, on the state diagram',
  'ui.histogramNote': 'Each state of the diagram shows how many sockets are in it.',
  'ui.histogramTable': 'Sockets per state',
  'ui.state': 'State',
  'ui.sockets': 'Sockets',
  'ui.findingsHeading': 'Findings ({count})',
  'ui.noFindings': 'No finding: nothing in this output matches a rule.',
  'ui.severity.low': 'low',
  'ui.severity.medium': 'medium',
  'ui.severity.high': 'high',
  'ui.severityLabel': 'Severity: {severity}',
  'ui.covers': '{count} sockets',
  'ui.rule': 'Rule: {rule}',
  'ui.commands': 'Next steps to copy',
  'ui.copy': 'Copy',
  'ui.copyLabel': 'Copy: {command}',
  'ui.copied': 'Copied.',
  'ui.noClipboard': 'The clipboard is not available here: select the command and copy it.',
  'ui.article': 'Why: the article',
  'ui.playground': 'Reproduce it in the playground',
  'ui.notJudged': 'Not judged on this format (it lacks timers, idle times or the backlog): {codes}.',
  'ui.topPorts': 'Busiest local ports',
  'ui.topPeers': 'Busiest peers',
  'ui.port': 'Port',
  'ui.peer': 'Peer',
  'ui.announce': 'Diagnosed {count} sockets: {findings} findings.',
  'ui.emptyInput': 'Paste some output first.',
} as const;

export type DiagnoseMessageKey = keyof typeof en;

const zhCn: Record<DiagnoseMessageKey, string> = {
  'finding.close-wait-leak.default':
    '{count} 个套接字处于 CLOSE-WAIT{ports}：对端已关闭它那一侧，本机的应用程序却没有调用 close()。内核从不让 CLOSE-WAIT 超时；请检查错误分支里漏掉的 close()、卡住的工作线程，或被子进程继承的描述符。',
  'finding.time-wait-many.client':
    '{count} 个套接字处于 TIME-WAIT{ports}：本机作为客户端先关闭，连向 {peer} 的临时端口有 {used} 个（共 {range} 个）正在等待。长连接或连接池有用，net.ipv4.tcp_tw_reuse 也有用（仅限主动发起的连接）；tcp_tw_recycle 已在 Linux 4.12 中删除，tcp_fin_timeout 也不会缩短固定为 60 秒的 TIME-WAIT。',
  'finding.time-wait-many.server':
    '{count} 个套接字处于 TIME-WAIT{ports}：本机作为服务器先关闭。它们占用的内存很少，也不占用本机的端口；SO_REUSEADDR 让服务器能在原端口重启，让客户端先关闭（或使用长连接）则把 TIME-WAIT 移到客户端。tcp_tw_recycle 已在 Linux 4.12 中删除，tcp_fin_timeout 不会缩短 TIME-WAIT。',
  'finding.time-wait-many.summary':
    '{count} 个套接字处于 TIME-WAIT（ss -s）：先关闭的一方把每个连接保持 60 秒。运行 ss -tan state time-wait，看本机是客户端（本地端口是临时端口，共 {range} 个）还是服务器。tcp_tw_recycle 已在 Linux 4.12 中删除；tcp_fin_timeout 不会缩短 TIME-WAIT。',
  'finding.fin-wait-2-orphans.orphans':
    '{count} 个孤儿套接字处于 FIN-WAIT-2{ports}：本机已关闭，对端确认了 FIN，却一直没有发送自己的 FIN。是对端的应用程序没有调用 close()；内核在 net.ipv4.tcp_fin_timeout（默认 60 秒）之后丢弃这些孤儿套接字。',
  'finding.fin-wait-2-orphans.unknown':
    '{count} 个套接字处于 FIN-WAIT-2{ports}：本机已关闭，对端确认了 FIN，但还没有发送自己的 FIN。孤儿套接字（应用已 close()）在 net.ipv4.tcp_fin_timeout 之后结束；仍被应用持有的套接字（shutdown()）会一直等对端。加上 -o 或 -p 才能区分两者。',
  'finding.last-ack-stuck.default':
    '{count} 个套接字处于 LAST-ACK{ports}，仍在等待对自己 FIN 的确认：对端已经不在了，或者路径丢弃了它的报文。FIN 按退避重传，直到 net.ipv4.tcp_orphan_retries 放弃。',
  'finding.syn-recv-flood.flood':
    '{count} 个半连接请求处于 SYN-RECV{ports}，来自 {peers} 个对端：SYN 洪泛就是这个样子。SYN 队列溢出后由 SYN cookies（net.ipv4.tcp_syncookies=1，默认）应答；队列上限是监听套接字的 backlog。',
  'finding.syn-recv-flood.fewPeers':
    '{count} 个半连接请求处于 SYN-RECV{ports}，只来自 {peers} 个对端：它们握手的最后一个 ACK 没有到达（丢失、被过滤，或因全连接队列已满被丢弃）。服务器最多重发 net.ipv4.tcp_synack_retries 次 SYN,ACK。',
  'finding.syn-sent-unanswered.default':
    '{count} 个主动连接处于 SYN-SENT{ports}，得不到应答：防火墙丢弃了 SYN（被过滤的端口），或者主机已宕机。Linux 会重传 SYN（net.ipv4.tcp_syn_retries），大约两分钟后 connect() 失败。',
  'finding.accept-queue-overflow.default':
    '一个监听套接字{ports}的全连接队列中有 {queue} 个连接在等待，已达到 backlog {backlog}：应用程序 accept() 得不够快。此时 Linux 丢弃新的握手（若 net.ipv4.tcp_abort_on_overflow=1 则发送 RST）；backlog 的上限是 net.core.somaxconn。',
  'finding.retransmitting.default':
    '{count} 个套接字{ports}正在重传（最多 {most} 次）：它们的数据得不到确认。可能是路径丢包，或对端已经消失；重传超过 net.ipv4.tcp_retries2 后连接被放弃。',
  'finding.zero-window.default':
    '{count} 个套接字{ports}正在探测零窗口（持续计时器）：对端不再读取，它的接收缓冲区已满。要修的是读取数据的应用程序，而不是网络。',
  'finding.keepalive-missing.default':
    '{count} 个已建立的套接字{ports}空闲超过 {idle} 秒，且没有保活计时器：如果对端消失，什么也不会发现。请设置 SO_KEEPALIVE（时间参数见 net.ipv4.tcp_keepalive_*）或应用层心跳。',
  'finding.ports': '（端口 {ports}）',
  'finding.portsMany': '（端口 {ports}）',
  'ui.heading': '诊断你的套接字',
  'ui.ariaLabel': '诊断主机的套接字',
  'ui.needsJs': '读取你自己的输出需要 JavaScript。它在本页面中运行，不会上传任何内容。',
  'ui.local': '文本在本页面中解析（较长时在后台 worker 中解析），不会上传到任何地方。',
  'ui.paste': '粘贴 ss -tan（或 -tanp、-tanoi、-lnt、-s）、netstat -ant(p)、/proc/net/tcp(6) 或 tcpstates 的输出：',
  'ui.file': '或者打开一个文件：',
  'ui.diagnose': '诊断',
  'ui.example': '或者试试真实的录制：',
  'ui.reading': '正在读取…',
  'ui.errorAt': '第 {line} 行：应为 {expected}，实际为 {found}。',
  'ui.error': '无法读取输入：{message}',
  'ui.summary': '格式 {format}：{count} 个套接字。',
  'ui.summaryOnly': '格式 ss -s：只有总数，共 {total} 个 TCP 套接字。',
  'ui.histogramHeading': '各状态的套接字数，画在状态图上',
  'ui.histogramNote': '状态图的每个状态上标出处于该状态的套接字数。',
  'ui.histogramTable': '各状态的套接字数',
  'ui.state': '状态',
  'ui.sockets': '套接字',
  'ui.findingsHeading': '发现（{count}）',
  'ui.noFindings': '没有发现：这份输出不符合任何规则。',
  'ui.severity.low': '低',
  'ui.severity.medium': '中',
  'ui.severity.high': '高',
  'ui.severityLabel': '严重程度：{severity}',
  'ui.covers': '{count} 个套接字',
  'ui.rule': '规则：{rule}',
  'ui.commands': '下一步可复制的命令',
  'ui.copy': '复制',
  'ui.copyLabel': '复制：{command}',
  'ui.copied': '已复制。',
  'ui.noClipboard': '此处无法使用剪贴板：请选中命令后复制。',
  'ui.article': '原因：见文章',
  'ui.playground': '在演练场中重现',
  'ui.notJudged': '此格式无法判断（缺少计时器、空闲时间或 backlog）：{codes}。',
  'ui.topPorts': '套接字最多的本地端口',
  'ui.topPeers': '套接字最多的对端',
  'ui.port': '端口',
  'ui.peer': '对端',
  'ui.announce': '已诊断 {count} 个套接字：{findings} 项发现。',
  'ui.emptyInput': '请先粘贴一些输出。',
};

export const DIAGNOSE_MESSAGES: Record<DiagnoseLocale, Record<DiagnoseMessageKey, string>> = { en, 'zh-cn': zhCn };

export type DiagnoseTranslate = (key: DiagnoseMessageKey, params?: MessageParams) => string;

export function diagnoseTranslator(messages: Partial<Record<DiagnoseMessageKey, string>>): DiagnoseTranslate {
  return (key, params) => {
    const template = messages[key];
    return template === undefined ? `[${key}]` : formatMessage(template, params);
  };
}

export function isDiagnoseLocale(value: string): value is DiagnoseLocale {
  return value === 'en' || value === 'zh-cn';
}
