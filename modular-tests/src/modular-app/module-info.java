// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

/**
 * An application on the module path that speaks WebSocket through the Jakarta API alone, as a user's
 * would; ModularClientTest compiles and runs it.
 */
module dev.halyard.modularapp {
    // The server API's module; it requires the client API's (jakarta.websocket.client) transitively
    requires jakarta.websocket;
    // Halyard's jar, an automatic module by the name in its manifest. Nothing of it is imported: the
    // requirement only pins the name, and ContainerProvider finds the implementation as a service.
    requires dev.halyard.websocket;
    // Halyard calls an annotated endpoint's methods through public method handles, which reach only
    // the packages a module exports
    exports dev.halyard.modularapp;
}
