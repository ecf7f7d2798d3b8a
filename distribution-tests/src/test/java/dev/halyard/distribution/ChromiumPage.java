// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** One Chromium tab: load a page, type into and click its elements, read it back, take a screenshot. */
final class ChromiumPage {

    private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    private final DevToolsConnection devTools;
    private final String session;

    ChromiumPage(DevToolsConnection devTools, String session) {
        this.devTools = devTools;
        this.session = session;
    }

    /** Opens {@code page} and waits until its document has loaded. */
    void open(URI page) throws IOException, InterruptedException {
        devTools.call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", 800, "height", 700, "deviceScaleFactor", 1, "mobile", false));
        devTools.call(session, "Page.navigate", Map.of("url", page.toString()));
        waitUntil("location.href === " + quote(page.toString()) + " && document.readyState === 'complete'",
                "the page " + page + " to load");
    }

    /** Focuses the element, empties it, and types {@code text} as keyboard input. */
    void type(String selector, String text) throws IOException, InterruptedException {
        evaluate("(() => { const field = document.querySelector(" + quote(selector) + "); field.focus(); field.select(); return true; })()");
        devTools.call(session, "Input.insertText", Map.of("text", text));
    }

    void click(String selector) throws IOException, InterruptedException {
        evaluate("(() => { document.querySelector(" + quote(selector) + ").click(); return true; })()");
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        JsonNode result = devTools.call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("Script failed in the page: " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value");
    }

    /** Waits until {@code condition} is true in the page; fails, naming {@code what}, after 30 s. */
    void waitUntil(String condition, String what) throws IOException, InterruptedException {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            await(what).atMost(WAIT_LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                    .until(() -> {
                        try {
                            JsonNode value = evaluate("!!(" + condition + ")");
                            return value != null && value.asBoolean();
                        } catch (IOException e) {
                            last.set(e.getMessage()); // a navigation may replace the document under the script
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Waited " + WAIT_LIMIT.toSeconds() + " s for " + what + " in vain " + last.get(), e);
        }
    }

    /** The text of every element that matches {@code selector}, one per line. */
    String texts(String selector) throws IOException, InterruptedException {
        return evaluate("Array.from(document.querySelectorAll(" + quote(selector) + ")).map(e => e.textContent).join('\\n')")
                .asText();
    }

    void screenshot(Path file) throws IOException, InterruptedException {
        String png = devTools.call(session, "Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    /** A JavaScript string literal of {@code text}; JSON's string syntax is a subset of JavaScript's. */
    static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
