package io.cardsweep.metrics;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cardsweep.metrics.pushgateway.*}: where a run pushes its metrics when it ends. Off while {@code url} is unset.
 * Boot's own {@code management.prometheus.metrics.export.pushgateway.*} is not used: its pusher starts with the
 * application and pushes on a schedule, before a run's outcome is known and again and again while a Pushgateway is down.
 *
 * @param url the Pushgateway, {@code http(s)://host:port} with an optional path prefix; credentials never go in it
 * @param username with {@code password}, for a Pushgateway behind basic authentication
 * @param token for one behind a bearer token, instead of a username
 * @param timeout for connecting, and again for the answer: short, so a stopping pod still ends within its grace period
 */
@ConfigurationProperties("cardsweep.metrics.pushgateway")
record PushgatewaySettings(@Nullable URI url, @Nullable String username, @Nullable String password, @Nullable String token,
        @DefaultValue("3s") Duration timeout) {

    PushgatewaySettings {
        if (url != null && url.toString().isBlank()) {
            url = null;
        }
        if (url != null) {
            requireUsable(url);
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (username != null && username.isBlank()) {
            username = null;
        }
        if (token != null && username != null) {
            throw new IllegalArgumentException("set either cardsweep.metrics.pushgateway.username (with a password) or .token, not both");
        }
        if (password != null && !password.isEmpty() && username == null) {
            throw new IllegalArgumentException("cardsweep.metrics.pushgateway.password needs a username");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("cardsweep.metrics.pushgateway.timeout must be positive, such as 3s");
        }
    }

    private static void requireUsable(URI url) {
        if (url.getRawUserInfo() != null) {
            // Not echoed: it holds a password.
            throw new IllegalArgumentException("cardsweep.metrics.pushgateway.url must not hold credentials: set .username and .password");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new IllegalArgumentException("cardsweep.metrics.pushgateway.url must be http(s)://host:port (a path prefix allowed),"
                    + " such as http://pushgateway.monitoring:9091, not '" + withoutQuery(url) + "'");
        }
    }

    /** The URL up to its path: a query or a fragment, which may carry a token, is never shown. */
    private static String withoutQuery(URI url) {
        String text = url.toString();
        int cut = text.length();
        for (char mark : new char[] {'?', '#'}) {
            int at = text.indexOf(mark);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut < text.length() ? text.substring(0, cut) + "…" : text;
    }

    boolean isOn() {
        return url != null;
    }

    /** The URL as logs and warnings show it. */
    String shown() {
        return url == null ? "(none)" : url.toString();
    }
}
