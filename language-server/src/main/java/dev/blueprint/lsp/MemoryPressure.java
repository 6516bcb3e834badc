package dev.blueprint.lsp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Watches the heap for memory pressure: when a collection leaves the old generation fuller than a fraction of its
 * maximum, {@code onPressure} runs (on the JVM's notification thread, so it
 * must be quick). The server drops the caches of closed files then, before memory runs out.
 */
final class MemoryPressure implements AutoCloseable {
    private final NotificationEmitter memory;
    private final NotificationListener listener;

    private MemoryPressure(NotificationEmitter memory, NotificationListener listener) {
        this.memory = memory;
        this.listener = listener;
    }

    /** Starts watching; {@code fraction} of each watched pool's maximum is the threshold. */
    static MemoryPressure watch(double fraction, Runnable onPressure) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            // the old generation: the one heap pool with a usage threshold (eden and survivors have none, and a
            // survivor space is often nearly full after a collection, which says nothing about pressure)
            if (pool.getType() == MemoryType.HEAP
                    && pool.isUsageThresholdSupported()
                    && pool.isCollectionUsageThresholdSupported()
                    && max > 0) {
                pool.setCollectionUsageThreshold(Math.max(1, (long) (max * fraction)));
            }
        }
        NotificationEmitter memory = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
        NotificationListener listener = (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                onPressure.run();
            }
        };
        memory.addNotificationListener(listener, null, null);
        return new MemoryPressure(memory, listener);
    }

    @Override
    public void close() {
        try {
            memory.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // already gone
        }
    }
}
