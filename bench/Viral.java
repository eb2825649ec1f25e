import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A viral day on one machine, all at once: open summary streams from many loopback addresses (five
 * an address, twenty addresses a /24, so the per-client and per-network limits stay at their
 * defaults), reads of the letter, its page and its summary at a fixed rate through the reverse
 * cache, and public signatures at a fixed rate with email verification on, their emails taken by an
 * SMTP server here that spends a fixed time on each message; every tenth signer follows the link.
 *
 *   java bench/Viral.java API CACHE LETTER_ID SLUG SMTP_PORT SMTP_MILLIS STREAMS READS_PER_S SIGNS_PER_S SECONDS
 *        SERVICE_PID JDK_BIN_DIR
 *
 * Reads and signatures are open-model (each due at start + i/rate; latency counts from when it was
 * due). Prints RESULT lines: reads and signatures (p50, p99), the push from a confirmation's commit to
 * its count on the streams (p99 over every stream), email lag (signature answered to SMTP accepted:
 * p50, p99, backlog when the load stops), the service's resident memory and heap a thousand streams,
 * and whether every count is exact.
 */
public class Viral {

    static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final int STREAMS_PER_ADDRESS = 5;
    static final int ADDRESSES_PER_NETWORK = 20;
    static final int CONFIRM_EVERY = 10;
    static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    static final Pattern TOKEN = Pattern.compile("/verify\\?token=([A-Za-z0-9_%.~-]+)");
    static final Pattern SIGNER = Pattern.compile("viral-[a-z0-9]+-(\\d+)@example\\.org");

    static URI api;
    static URI cache;
    static String seed = Long.toString(System.currentTimeMillis(), 36);

    // signature i: when it was answered (202), and when its email was accepted
    static long[] signedAt;
    static long[] mailedAt;
    static final AtomicInteger signed = new AtomicInteger();
    static final AtomicInteger mailed = new AtomicInteger();
    static final AtomicInteger signErrors = new AtomicInteger();
    static final LinkedBlockingQueue<String> toConfirm = new LinkedBlockingQueue<>();
    /** Confirmations answered 200, in order: when, and how many had been answered by then. */
    static final ConcurrentLinkedQueue<long[]> confirmed = new ConcurrentLinkedQueue<>();
    static final AtomicLong confirmations = new AtomicLong();
    static final AtomicInteger confirmErrors = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        api = URI.create(args[0]);
        cache = URI.create(args[1]);
        String letterId = args[2];
        String slug = args[3];
        int smtpPort = Integer.parseInt(args[4]);
        int smtpMillis = Integer.parseInt(args[5]);
        int streamCount = Integer.parseInt(args[6]);
        int readRate = Integer.parseInt(args[7]);
        int signRate = Integer.parseInt(args[8]);
        int seconds = Integer.parseInt(args[9]);
        long servicePid = Long.parseLong(args[10]);
        String jdk = args[11];
        int capacity = signRate * seconds + signRate * 10;
        signedAt = new long[capacity];
        mailedAt = new long[capacity];

        Smtp smtp = new Smtp(smtpPort, smtpMillis);
        smtp.start();

        long rssBefore = rssKb(servicePid);
        long heapBefore = heapKb(jdk, servicePid);
        Streams streams = new Streams(letterId, streamCount);
        streams.openAll(TimeUnit.SECONDS.toNanos(180));
        Thread.sleep(2000);
        long rssAfter = rssKb(servicePid);
        long heapAfter = heapKb(jdk, servicePid);
        double perThousand = 1000.0 / Math.max(1, streams.open.get());
        System.out.printf(Locale.ROOT, "RESULT kind=streams open=%d refused=%d rss_mib_per_1000=%.1f heap_mib_per_1000=%.1f rss_mib=%d heap_mib=%d%n",
                streams.open.get(), streams.refused.get(), (rssAfter - rssBefore) * perThousand / 1024,
                (heapAfter - heapBefore) * perThousand / 1024, rssAfter / 1024, heapAfter / 1024);

        for (int i = 0; i < 16; i++) {
            daemon("confirm-" + i, Viral::confirm);
        }
        List<String> readPaths = List.of("/v1/letters/" + slug, "/l/" + slug, "/v1/letters/" + slug + "/summary");
        Load reads = new Load("read", cache, 64, readRate, seconds, i -> get(cache, readPaths.get(i % readPaths.size())));
        Load signs = new Load("sign", cache, 64, signRate, seconds, i -> sign(cache, letterId, i));
        long loadStart = System.nanoTime();
        Thread readPacer = daemon("reads", reads::run);
        Thread signPacer = daemon("signs", signs::run);
        readPacer.join();
        signPacer.join();
        reads.await();
        signs.await();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        int mailedDuringLoad = mailed.get();
        int backlogAtEnd = signed.get() - mailedDuringLoad;
        reads.report(loadSeconds);
        signs.report(loadSeconds);

        // the outbox drains, the last confirmations land, the last push goes out
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (mailed.get() < signed.get() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!toConfirm.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3000);

        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < signs.issued.get(); i++) {
            if (signedAt[i] != 0 && mailedAt[i] != 0) {
                lags.add(Math.max(0, (mailedAt[i] - signedAt[i]) / 1000));
            }
        }
        Collections.sort(lags);
        System.out.printf(Locale.ROOT, "RESULT kind=email signed=%d mailed=%d mailed_during_load=%d backlog_at_end=%d lag_p50_ms=%.0f lag_p99_ms=%.0f lag_max_ms=%.0f smtp_connections=%d%n",
                signed.get(), mailed.get(), mailedDuringLoad, backlogAtEnd, pct(lags, 50), pct(lags, 99),
                lags.isEmpty() ? 0 : lags.get(lags.size() - 1) / 1000.0, smtp.connections.get());

        streams.reportPush(new ArrayList<>(confirmed));

        long total = total(api, letterId);
        long streamsAtTotal = streams.lastTotals().filter(t -> t == total).count();
        boolean exact = total == confirmations.get() && mailed.get() == signed.get() && streamsAtTotal == streams.open.get();
        System.out.printf(Locale.ROOT, "RESULT kind=load_tool cpu_s=%.1f%n",
                ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0));
        System.out.printf(Locale.ROOT, "RESULT kind=counts signatures_answered=%d sign_errors=%d emails=%d confirmed=%d confirm_errors=%d total=%d streams_showing_total=%d/%d exact=%s%n",
                signed.get(), signErrors.get(), mailed.get(), confirmations.get(), confirmErrors.get(), total, streamsAtTotal,
                streams.open.get(), exact);
        System.exit(0);
    }

    // --- the load -------------------------------------------------------------------------------

    interface Call {
        byte[] request(int index);
    }

    record Sample(long micros, int status) {
    }

    /** Requests due at a fixed rate, sent over a pool of keep-alive connections, each a thread. */
    static final class Load {
        final String name;
        final URI target;
        final int rate;
        final int seconds;
        final Call call;
        final LinkedBlockingQueue<long[]> due = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        final AtomicInteger issued = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();

        Load(String name, URI target, int connections, int rate, int seconds, Call call) {
            this.name = name;
            this.target = target;
            this.rate = rate;
            this.seconds = seconds;
            this.call = call;
            for (int i = 0; i < connections; i++) {
                daemon(name + "-" + i, this::work);
            }
        }

        void run() {
            long start = System.nanoTime() + 100_000_000L;
            int total = rate * seconds;
            for (int i = 0; i < total; i++) {
                long at = start + (long) (i * (1e9 / rate));
                long wait;
                while ((wait = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                issued.incrementAndGet();
                due.add(new long[]{at, i});
            }
        }

        void await() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (finished.get() < issued.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        void work() {
            Socket socket = null;
            InputStream in = null;
            OutputStream out = null;
            while (true) {
                long[] next;
                try {
                    next = due.take();
                } catch (InterruptedException e) {
                    return;
                }
                int status = -1;
                int index = (int) next[1];
                if (System.nanoTime() - next[0] < GIVE_UP_NANOS) {
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.setTcpNoDelay(true);
                            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5000);
                            socket.setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(GIVE_UP_NANOS));
                            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                            out = socket.getOutputStream();
                        }
                        out.write(call.request(index));
                        out.flush();
                        status = readResponse(in, null);
                    } catch (IOException e) {
                        status = -1;
                    }
                    if (status == -1 && socket != null) {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // a broken connection
                        }
                        socket = null;
                    }
                }
                long now = System.nanoTime();
                if (name.equals("sign")) {
                    if (status == 202 || status == 201) {
                        signedAt[index] = now;
                        signed.incrementAndGet();
                    } else {
                        signErrors.incrementAndGet();
                    }
                }
                samples.add(new Sample(Math.min(GIVE_UP_NANOS, now - next[0]) / 1000, status));
                finished.incrementAndGet();
            }
        }

        void report(double elapsed) {
            List<Long> latencies = new ArrayList<>();
            int errors = 0;
            for (Sample sample : samples) {
                latencies.add(sample.micros());
                if (sample.status() < 200 || sample.status() >= 300) {
                    errors++;
                }
            }
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "RESULT kind=%s count=%d errors=%d rate=%.1f p50=%.2f p99=%.2f max=%.2f%n", name,
                    latencies.size(), errors, latencies.size() / elapsed, pct(latencies, 50), pct(latencies, 99),
                    latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1000.0);
        }
    }

    static byte[] get(URI target, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nAccept-Language: ko-KR,ko;q=0.9,en;q=0.5\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sign(URI target, String letterId, int index) {
        String body = "{\"kind\":\"INDIVIDUAL\",\"name\":\"Viral Signer " + index + "\",\"email\":\"viral-" + seed + "-" + index
                + "@example.org\",\"country\":\"KR\"}";
        return post(target, "/v1/letters/" + letterId + "/signatures", body);
    }

    static byte[] post(URI target, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A signer follows its link: POST the token; each 200 is one more counted signature. */
    static void confirm() {
        Socket socket = null;
        InputStream in = null;
        OutputStream out = null;
        while (true) {
            String token;
            try {
                token = toConfirm.take();
            } catch (InterruptedException e) {
                return;
            }
            int status;
            try {
                if (socket == null) {
                    socket = new Socket(api.getHost(), api.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    in = new BufferedInputStream(socket.getInputStream());
                    out = socket.getOutputStream();
                }
                out.write(post(api, "/v1/signatures/verify", "{\"token\":\"" + token + "\"}"));
                out.flush();
                status = readResponse(in, null);
            } catch (IOException e) {
                status = -1;
                socket = null;
            }
            if (status == 200) {
                long now = System.nanoTime();
                confirmed.add(new long[]{now, confirmations.incrementAndGet()});
            } else {
                confirmErrors.incrementAndGet();
            }
        }
    }

    static long total(URI target, String letterId) throws IOException {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.getOutputStream().write(("GET /v1/letters/" + letterId + "/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            readResponse(new BufferedInputStream(socket.getInputStream()), body);
            Matcher m = TOTAL.matcher(body.toString(StandardCharsets.UTF_8));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    // --- streams --------------------------------------------------------------------------------

    /** Open streams, read by one thread with a selector: each keeps the totals it was sent and when. */
    static final class Streams {
        final String letterId;
        final int count;
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final Map<SocketChannel, Stream> byChannel = new ConcurrentHashMap<>();
        final List<Stream> all = new ArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);

        Streams(String letterId, int count) {
            this.letterId = letterId;
            this.count = count;
        }

        static final class Stream {
            final StringBuilder pending = new StringBuilder();
            boolean headersRead;
            boolean ok;
            long[] totals = new long[8];
            long[] times = new long[8];
            int events;

            void event(long total, long at) {
                if (events == totals.length) {
                    totals = Arrays.copyOf(totals, events * 2);
                    times = Arrays.copyOf(times, events * 2);
                }
                totals[events] = total;
                times[events] = at;
                events++;
            }
        }

        void openAll(long timeoutNanos) throws Exception {
            Selector selector = Selector.open();
            byte[] request = ("GET /v1/letters/" + letterId + "/summary/stream HTTP/1.1\r\nHost: " + api.getHost() + ":" + api.getPort()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < count; i++) {
                int address = i / STREAMS_PER_ADDRESS;
                int network = address / ADDRESSES_PER_NETWORK;
                InetAddress local = InetAddress.getByAddress(new byte[]{127, (byte) (1 + network / 250), (byte) (1 + network % 250),
                        (byte) (1 + address % ADDRESSES_PER_NETWORK)});
                SocketChannel channel = SocketChannel.open();
                channel.bind(new InetSocketAddress(local, 0));
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(api.getHost(), api.getPort()));
                Stream stream = new Stream();
                all.add(stream);
                byChannel.put(channel, stream);
                channel.register(selector, SelectionKey.OP_CONNECT, request);
                if (i % 500 == 499) {
                    pump(selector, 50); // the service accepts as they come; a backlog of thousands would overflow
                }
            }
            long deadline = System.nanoTime() + timeoutNanos;
            while (open.get() + refused.get() < count && System.nanoTime() < deadline) {
                pump(selector, 100);
            }
            daemon("streams", () -> {
                while (running.get()) {
                    try {
                        pump(selector, 100);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

        void pump(Selector selector, long millis) throws IOException {
            selector.select(millis);
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                Stream stream = byChannel.get(channel);
                try {
                    if (key.isConnectable()) {
                        channel.finishConnect();
                        channel.write(ByteBuffer.wrap((byte[]) key.attachment()));
                        key.interestOps(SelectionKey.OP_READ);
                        continue;
                    }
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read < 0) {
                        close(key, stream);
                        continue;
                    }
                    stream.pending.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                    if (!stream.headersRead) {
                        int end = stream.pending.indexOf("\r\n\r\n");
                        if (end < 0) {
                            continue;
                        }
                        stream.headersRead = true;
                        stream.ok = stream.pending.indexOf("HTTP/1.1 200") == 0;
                        if (stream.ok) {
                            open.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                            close(key, stream);
                            continue;
                        }
                        stream.pending.delete(0, end + 4);
                    }
                    int end;
                    while ((end = stream.pending.indexOf("\n\n")) >= 0) {
                        Matcher m = TOTAL.matcher(stream.pending.substring(0, end));
                        if (m.find()) {
                            stream.event(Long.parseLong(m.group(1)), now);
                        }
                        stream.pending.delete(0, end + 2);
                    }
                } catch (IOException e) {
                    if (stream != null && !stream.headersRead) {
                        refused.incrementAndGet();
                        stream.headersRead = true;
                    }
                    close(key, stream);
                }
            }
            selector.selectedKeys().clear();
        }

        void close(SelectionKey key, Stream stream) {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing
            }
        }

        java.util.stream.LongStream lastTotals() {
            synchronized (this) {
                return all.stream().filter(s -> s.ok && s.events > 0).mapToLong(s -> s.totals[s.events - 1]);
            }
        }

        /**
         * For each confirmation (answered at t, the k-th): on each stream, the first event showing a
         * total of at least k, minus t. Every tenth confirmation, over every stream.
         */
        void reportPush(List<long[]> confirmations) {
            List<Long> latencies = new ArrayList<>();
            int missing = 0;
            for (int c = 0; c < confirmations.size(); c += 10) {
                long at = confirmations.get(c)[0];
                long k = confirmations.get(c)[1];
                for (Stream stream : all) {
                    if (!stream.ok) {
                        continue;
                    }
                    int found = -1;
                    for (int e = 0; e < stream.events; e++) {
                        if (stream.totals[e] >= k) {
                            found = e;
                            break;
                        }
                    }
                    if (found < 0) {
                        missing++;
                    } else {
                        latencies.add(Math.max(0, stream.times[found] - at) / 1000);
                    }
                }
            }
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "RESULT kind=push samples=%d never_arrived=%d p50=%.2f p99=%.2f max=%.2f%n", latencies.size(),
                    missing, pct(latencies, 50), pct(latencies, 99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1000.0);
        }
    }

    // --- SMTP -----------------------------------------------------------------------------------

    /** Takes every message after a fixed time, as a relay's latency would be; a thread a connection. */
    static final class Smtp {
        final int port;
        final int millis;
        final AtomicInteger connections = new AtomicInteger();

        Smtp(int port, int millis) {
            this.port = port;
            this.millis = millis;
        }

        void start() throws IOException {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            daemon("smtp", () -> {
                while (true) {
                    try {
                        Socket socket = server.accept();
                        connections.incrementAndGet();
                        daemon("smtp-session", () -> session(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        void session(Socket socket) {
            try (socket) {
                // as a relay does: no Nagle delay, and the replies to pipelined commands sent together
                socket.setTcpNoDelay(true);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                Replies out = new Replies(new java.io.BufferedOutputStream(socket.getOutputStream()), in);
                reply(out, "220 bench ESMTP");
                out.out().flush();
                int signer = -1;
                String line;
                while ((line = in.readLine()) != null) {
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                    switch (command) {
                        case "EHLO" -> reply(out, "250-bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10000000");
                        case "HELO" -> reply(out, "250 bench");
                        case "MAIL" -> {
                            signer = -1;
                            reply(out, "250 OK");
                        }
                        case "RCPT" -> {
                            Matcher m = SIGNER.matcher(line);
                            if (m.find()) {
                                signer = Integer.parseInt(m.group(1));
                            }
                            reply(out, "250 OK");
                        }
                        case "DATA" -> {
                            reply(out, "354 go on");
                            out.out().flush();
                            StringBuilder message = new StringBuilder();
                            String data;
                            while ((data = in.readLine()) != null && !data.equals(".")) {
                                message.append(data).append('\n');
                            }
                            Thread.sleep(millis);
                            if (signer >= 0 && signer < mailedAt.length && mailedAt[signer] == 0) {
                                mailedAt[signer] = System.nanoTime();
                                mailed.incrementAndGet();
                                if (signer % CONFIRM_EVERY == 0) {
                                    // quoted-printable soft breaks and '=' as =3D
                                    Matcher token = TOKEN.matcher(message.toString().replace("=\n", "").replace("=3D", "="));
                                    if (token.find()) {
                                        toConfirm.add(token.group(1));
                                    }
                                }
                            }
                            reply(out, "250 OK queued");
                            out.out().flush();
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "250 OK"); // RSET, NOOP
                    }
                }
            } catch (IOException | InterruptedException ignored) {
                // the client left
            }
        }

        /** Replies written as they come and sent once no further command is waiting (pipelining). */
        record Replies(OutputStream out, BufferedReader in) {
            void send(String text) throws IOException {
                out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (!in.ready()) {
                    out.flush();
                }
            }
        }

        static void reply(Replies out, String text) throws IOException {
            out.send(text);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Reads one response and returns its status; its body into {@code body} when given. */
    static int readResponse(InputStream in, ByteArrayOutputStream body) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = 0;
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            copy(in, length, body);
            return status;
        }
        long size;
        while ((size = Long.parseLong(line(in).split(";", 2)[0].trim(), 16)) > 0) {
            copy(in, size, body);
            line(in);
        }
        line(in);
        return status;
    }

    static void copy(InputStream in, long n, ByteArrayOutputStream body) throws IOException {
        byte[] chunk = new byte[8192];
        while (n > 0) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, n));
            if (read < 0) {
                throw new IOException("connection closed");
            }
            if (body != null) {
                body.write(chunk, 0, read);
            }
            n -= read;
        }
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1000.0;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The heap in use after a full collection (jcmd GC.run, then jstat -gc), in KiB. */
    static long heapKb(String jdkBin, long pid) throws Exception {
        new ProcessBuilder(jdkBin + "/jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        Process jstat = new ProcessBuilder(jdkBin + "/jstat", "-gc", Long.toString(pid)).start();
        List<String> lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        jstat.waitFor(30, TimeUnit.SECONDS);
        if (lines.size() < 2) {
            return 0;
        }
        List<String> names = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        double used = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            int i = names.indexOf(column);
            if (i >= 0) {
                used += Double.parseDouble(values[i]);
            }
        }
        return (long) used;
    }
}
