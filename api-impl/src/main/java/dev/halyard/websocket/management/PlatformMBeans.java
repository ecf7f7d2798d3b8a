// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registering Halyard's MBeans on the platform MBean server, under {@value #DOMAIN}. Failing to
 * register is not worth failing an application for: it is logged, at WARNING, and the application
 * runs unobserved.
 */
final class PlatformMBeans {

    static final String DOMAIN = "dev.halyard.websocket";

    private static final System.Logger LOG = System.getLogger(PlatformMBeans.class.getName());

    private PlatformMBeans() {
    }

    /**
     * Registers {@code bean} as {@code dev.halyard.websocket:keys}.
     *
     * @return its name; null when registering failed (logged)
     */
    static ObjectName register(Object bean, String keys) {
        try {
            return registerUnlessTaken(bean, keys);
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(System.Logger.Level.WARNING, "The MBean " + DOMAIN + ":" + keys + " is registered already; this one is not");
            return null;
        }
    }

    /**
     * As {@link #register}, telling a name taken apart.
     *
     * @throws InstanceAlreadyExistsException when an MBean of that name is registered
     */
    static ObjectName registerUnlessTaken(Object bean, String keys) throws InstanceAlreadyExistsException {
        try {
            ObjectName name = new ObjectName(DOMAIN + ":" + keys);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return name;
        } catch (InstanceAlreadyExistsException e) {
            throw e;
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The MBean " + DOMAIN + ":" + keys + " could not be registered; "
                    + "what it would show is not visible over JMX", e);
            return null;
        }
    }

    /** Unregisters {@code name}; gone already is fine. */
    static void unregister(ObjectName name) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // someone else took it away
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The MBean " + name + " could not be unregistered", e);
        }
    }

    /** A value for an ObjectName key, quoted: paths hold '/', '{', '=' and more. */
    static String quote(String value) {
        return ObjectName.quote(value);
    }
}
