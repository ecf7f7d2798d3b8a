// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.tck;

import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** Settings of the embedded containers; arquillian.xml may set them. */
public class EmbeddedContainerConfiguration implements ContainerConfiguration {

    private String bindAddress = "localhost";
    private int bindHttpPort = 0;

    public String getBindAddress() {
        return bindAddress;
    }

    /** The host name the tests connect to. */
    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getBindHttpPort() {
        return bindHttpPort;
    }

    /** 0 for a free port. */
    public void setBindHttpPort(int bindHttpPort) {
        this.bindHttpPort = bindHttpPort;
    }

    @Override
    public void validate() {
        if (bindHttpPort < 0 || bindHttpPort > 65535) {
            throw new IllegalArgumentException("bindHttpPort out of range: " + bindHttpPort);
        }
    }
}
