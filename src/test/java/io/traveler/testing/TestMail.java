package io.traveler.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real SMTP server in the test JVM (GreenMail), started once, on a free port so parallel builds on one machine do
 * not collide. Every Spring context of the tests sends to it ({@link Initializer} sets {@code spring.mail.port});
 * tests read the links out of the messages.
 */
public final class TestMail {
    private static final GreenMail SERVER = start();

    private TestMail() {}

    private static GreenMail start() {
        int port = Integer.getInteger("traveler.test.smtp-port", freePort());
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int port() {
        return SERVER.getSmtp().getPort();
    }

    /** The token of the newest invitation link mailed to {@code recipient}, waiting for it to arrive. */
    public static String invitationToken(String recipient) {
        return awaitToken(recipient, "/invitations/");
    }

    /** The token of the newest address-verification link mailed to {@code recipient}. */
    public static String verificationToken(String recipient) {
        return awaitToken(recipient, "/verify-email/");
    }

    public static int countTo(String recipient) {
        int count = 0;
        for (MimeMessage message : SERVER.getReceivedMessages()) {
            if (isTo(message, recipient)) {
                count++;
            }
        }
        return count;
    }

    /** Waits for a link with this path to arrive for the recipient; the newest wins (a renewed link replaces). */
    public static String awaitToken(String recipient, String path) {
        return awaitToken(recipient, path, 0);
    }

    /** Like {@link #awaitToken(String, String)}, but only among messages after the first {@code skip} to them. */
    public static String awaitToken(String recipient, String path, int skip) {
        Pattern link = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]+)");
        return Eventually.poll(
                        "a mail with a " + path + " link to reach " + recipient,
                        Duration.ofSeconds(20),
                        () -> newest(recipient, link, skip),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<String> newest(String recipient, Pattern link, int skip) {
        String found = null;
        int seen = 0;
        for (MimeMessage message : SERVER.getReceivedMessages()) {
            if (!isTo(message, recipient)) {
                continue;
            }
            if (seen++ < skip) {
                continue;
            }
            Matcher matcher = link.matcher(text(message));
            if (matcher.find()) {
                found = matcher.group(1);
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean isTo(MimeMessage message, String recipient) {
        try {
            for (var address : message.getAllRecipients()) {
                if (address.toString().equalsIgnoreCase(recipient)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points every test context's mail sender at the server (registered in META-INF/spring.factories). */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("test-mail", Map.of("spring.mail.port", port())));
        }
    }
}
