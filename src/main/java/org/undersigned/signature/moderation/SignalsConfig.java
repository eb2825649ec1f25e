package org.undersigned.signature.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * Bursts shown to the organiser (/v1/letters/{letter}/signals, the letter.signals_raised event):
 * an email domain or a client address range whose share of a letter's public signatures within
 * {@code window} is at least {@code minShare}, with at least {@code minSignatures} signatures, and
 * at least {@code factor} times its usual share over the {@code baseline} before the window.
 */
@ConfigMapping(prefix = "undersigned.signals")
public interface SignalsConfig {
    @WithDefault("1H")
    Duration window();

    @WithDefault("7D")
    Duration baseline();

    @WithDefault("20")
    int minSignatures();

    @WithDefault("0.1")
    double minShare();

    @WithDefault("5")
    double factor();

    /** Providers so many people use that a burst from them says nothing; never a signal. */
    @WithDefault("gmail.com,googlemail.com,outlook.com,hotmail.com,live.com,msn.com,yahoo.com,icloud.com,me.com,aol.com,"
            + "proton.me,protonmail.com,gmx.de,gmx.net,web.de,t-online.de,orange.fr,free.fr,laposte.net,yandex.ru,mail.ru,"
            + "naver.com,daum.net,hanmail.net,qq.com,163.com,126.com")
    List<String> exemptDomains();

    /** How often each instance looks for new bursts on the open letters (at most 500 a run) and raises them. */
    @WithDefault("1M")
    Duration interval();
}
