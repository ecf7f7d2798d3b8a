// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * Halyard's container defaults from the application's properties ({@code halyard.*}). They reach
 * Halyard as the {@code halyard.*} servlet context init parameters of README's table do, so the
 * rules and error messages are those; a setting left out keeps Halyard's default. A plain number
 * is bytes for a size and milliseconds for a time, as in the context parameters; Boot's units
 * ({@code 64KB}, {@code 30s}) work too.
 */
@ConfigurationProperties("halyard")
public class HalyardProperties {

    /** Largest whole text message, counted in UTF-8 bytes (Halyard's default: 64KB). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize maxTextMessageBufferSize;

    /** Largest whole binary message (Halyard's default: 64KB). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize maxBinaryMessageBufferSize;

    /** Idle timeout of a session; 0 for none (Halyard's default). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration maxSessionIdleTimeout;

    /** Asynchronous send timeout; 0 for none (Halyard's default). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration asyncSendTimeout;

    /** Blocking send timeout (Halyard's default: 30s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration blockingSendTimeout;

    /** Asynchronous messages that may wait unsent, per session (Halyard's default: 1MB). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize maxSendBacklog;

    /** Asynchronous messages that may wait unsent in all sessions together (Halyard's default: a quarter of the heap). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize maxSendBacklogTotal;

    /** Whether clients' permessage-deflate offers are accepted (Halyard's default: true). */
    private Boolean permessageDeflate;

    /** Whole messages shorter than this are sent uncompressed (Halyard's default: 0). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize deflateThreshold;

    /** Time without a frame from the peer before the server pings it; 0 for no keepalive (Halyard's default: 30s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration keepAliveInterval;

    /** Time the peer has to show life after the ping before its session is closed (Halyard's default: 30s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration keepAliveTimeout;

    /** Origins admitted to every endpoint (README, "Security"); every origin when empty. */
    private List<String> allowedOrigins;

    /** Most threads running read loops and application callbacks at once (Halyard's default: 200). */
    private Integer maxThreads;

    /** Whether read loops and callbacks run on a virtual thread each, on Java 21 and later (Halyard's default: false). */
    private Boolean virtualThreads;

    /** The settings that are set, as the servlet context init parameters Halyard reads. */
    public Map<String, String> initParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "maxTextMessageBufferSize", bytes(maxTextMessageBufferSize));
        put(parameters, "maxBinaryMessageBufferSize", bytes(maxBinaryMessageBufferSize));
        put(parameters, "maxSessionIdleTimeout", millis(maxSessionIdleTimeout));
        put(parameters, "asyncSendTimeout", millis(asyncSendTimeout));
        put(parameters, "blockingSendTimeout", millis(blockingSendTimeout));
        put(parameters, "maxSendBacklog", bytes(maxSendBacklog));
        put(parameters, "maxSendBacklogTotal", bytes(maxSendBacklogTotal));
        put(parameters, "permessageDeflate", permessageDeflate);
        put(parameters, "deflateThreshold", bytes(deflateThreshold));
        put(parameters, "keepAliveInterval", millis(keepAliveInterval));
        put(parameters, "keepAliveTimeout", millis(keepAliveTimeout));
        put(parameters, "allowedOrigins", allowedOrigins == null ? null : String.join(",", allowedOrigins));
        put(parameters, "maxThreads", maxThreads);
        put(parameters, "virtualThreads", virtualThreads);
        return parameters;
    }

    private static void put(Map<String, String> parameters, String setting, Object value) {
        if (value != null) {
            parameters.put("halyard." + setting, value.toString());
        }
    }

    private static Long bytes(DataSize size) {
        return size == null ? null : size.toBytes();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    public DataSize getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    public void setMaxTextMessageBufferSize(DataSize maxTextMessageBufferSize) {
        this.maxTextMessageBufferSize = maxTextMessageBufferSize;
    }

    public DataSize getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    public void setMaxBinaryMessageBufferSize(DataSize maxBinaryMessageBufferSize) {
        this.maxBinaryMessageBufferSize = maxBinaryMessageBufferSize;
    }

    public Duration getMaxSessionIdleTimeout() {
        return maxSessionIdleTimeout;
    }

    public void setMaxSessionIdleTimeout(Duration maxSessionIdleTimeout) {
        this.maxSessionIdleTimeout = maxSessionIdleTimeout;
    }

    public Duration getAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    public void setAsyncSendTimeout(Duration asyncSendTimeout) {
        this.asyncSendTimeout = asyncSendTimeout;
    }

    public Duration getBlockingSendTimeout() {
        return blockingSendTimeout;
    }

    public void setBlockingSendTimeout(Duration blockingSendTimeout) {
        this.blockingSendTimeout = blockingSendTimeout;
    }

    public DataSize getMaxSendBacklog() {
        return maxSendBacklog;
    }

    public void setMaxSendBacklog(DataSize maxSendBacklog) {
        this.maxSendBacklog = maxSendBacklog;
    }

    public DataSize getMaxSendBacklogTotal() {
        return maxSendBacklogTotal;
    }

    public void setMaxSendBacklogTotal(DataSize maxSendBacklogTotal) {
        this.maxSendBacklogTotal = maxSendBacklogTotal;
    }

    public Boolean getPermessageDeflate() {
        return permessageDeflate;
    }

    public void setPermessageDeflate(Boolean permessageDeflate) {
        this.permessageDeflate = permessageDeflate;
    }

    public DataSize getDeflateThreshold() {
        return deflateThreshold;
    }

    public void setDeflateThreshold(DataSize deflateThreshold) {
        this.deflateThreshold = deflateThreshold;
    }

    public Duration getKeepAliveInterval() {
        return keepAliveInterval;
    }

    public void setKeepAliveInterval(Duration keepAliveInterval) {
        this.keepAliveInterval = keepAliveInterval;
    }

    public Duration getKeepAliveTimeout() {
        return keepAliveTimeout;
    }

    public void setKeepAliveTimeout(Duration keepAliveTimeout) {
        this.keepAliveTimeout = keepAliveTimeout;
    }

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public Integer getMaxThreads() {
        return maxThreads;
    }

    public void setMaxThreads(Integer maxThreads) {
        this.maxThreads = maxThreads;
    }

    public Boolean getVirtualThreads() {
        return virtualThreads;
    }

    public void setVirtualThreads(Boolean virtualThreads) {
        this.virtualThreads = virtualThreads;
    }
}
