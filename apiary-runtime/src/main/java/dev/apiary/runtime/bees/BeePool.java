package dev.apiary.runtime.bees;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's bees: one per core, each with {@code memory_per_bee} of memory. A task holds one or
 * more bees for its whole run (its engine gets one thread and one bee's memory per bee), so the
 * threads of all running engines never exceed the cores and their memory limits never exceed the
 * node's budget.
 *
 * <p>The queue is fair: tasks get bees strictly in arrival order, and a waiting task that needs
 * several bees is not overtaken by later small ones. Bees are handed over by the releasing thread
 * under the pool's lock, so no wake-up is lost and no newcomer barges in. Every method is safe to
 * call from any thread. Timeouts run on one thread, {@code apiary-bee-watchdog}, stopped by {@link
 * #close()}.
 */
public final class BeePool implements AutoCloseable {
  private final int size;
  private final long memoryPerBee;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition allIdle = lock.newCondition();
  private final BeeLease[] holders;
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "apiary-bee-watchdog");
            thread.setDaemon(true);
            return thread;
          });
  private boolean closed;

  private static final class Waiter {
    final String task;
    final int bees;
    final Condition granted;
    BeeLease lease;

    Waiter(String task, int bees, Condition granted) {
      this.task = task;
      this.bees = bees;
      this.granted = granted;
    }
  }

  /**
   * @param bees how many bees (normally the node's cores)
   * @param memoryPerBeeBytes each bee's memory budget
   */
  public BeePool(int bees, long memoryPerBeeBytes) {
    if (bees < 1) {
      throw new IllegalArgumentException("A bee pool needs at least one bee, got " + bees);
    }
    this.size = bees;
    this.memoryPerBee = memoryPerBeeBytes;
    this.holders = new BeeLease[bees];
  }

  /**
   * Takes {@code bees} bees for {@code task} (at most the pool's size), waiting in line up to
   * {@code maxWait}. The caller closes the lease when the task ends, however it ends.
   *
   * @throws BeesUnavailableException if no bees came within {@code maxWait}, the pool is closing,
   *     or the thread was interrupted while waiting (its interrupt flag is kept)
   */
  public BeeLease acquire(String task, int bees, Duration maxWait) {
    if (bees < 1) {
      throw new IllegalArgumentException("A task needs at least one bee, got " + bees);
    }
    int wanted = Math.min(bees, size);
    lock.lock();
    try {
      if (closed) {
        throw closing(task);
      }
      if (queue.isEmpty() && free() >= wanted) {
        return assign(task, wanted);
      }
      Waiter waiter = new Waiter(task, wanted, lock.newCondition());
      queue.addLast(waiter);
      long nanos = maxWait.toNanos();
      try {
        while (waiter.lease == null) {
          if (closed) {
            queue.remove(waiter);
            throw closing(task);
          }
          if (nanos <= 0) {
            queue.remove(waiter);
            int othersWaiting = queue.size();
            grantWaiting();
            throw new BeesUnavailableException(
                "No bees became free within "
                    + maxWait.toMillis()
                    + " ms for task "
                    + task
                    + " ("
                    + wanted
                    + " wanted, "
                    + size
                    + " in the node, "
                    + othersWaiting
                    + " other tasks waiting); retry later or give the node more cores");
          }
          nanos = waiter.granted.awaitNanos(nanos);
        }
        return waiter.lease;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (waiter.lease != null) {
          waiter.lease.close();
        } else {
          queue.remove(waiter);
          grantWaiting();
        }
        throw new BeesUnavailableException(
            "Interrupted while task " + task + " waited for bees; it did not run");
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cancels the lease's task (through the action its engine attached) if it still runs after {@code
   * timeout}; closing the lease first disarms it.
   */
  public void expireAfter(BeeLease lease, Duration timeout) {
    lease.deadline(watchdog.schedule(lease::expire, timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** Every bee, in order. */
  public List<BeeStatus> status() {
    BeeLease[] snapshot;
    lock.lock();
    try {
      snapshot = holders.clone();
    } finally {
      lock.unlock();
    }
    // Memory gauges are read outside the lock: they ask the engines.
    List<BeeStatus> bees = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      BeeLease holder = snapshot[i];
      bees.add(
          holder == null
              ? new BeeStatus("bee-" + i, BeeState.IDLE, 0, memoryPerBee, "")
              : new BeeStatus(
                  "bee-" + i,
                  BeeState.BUSY,
                  holder.memoryUsedBytes() / holder.threads(),
                  memoryPerBee,
                  holder.task()));
    }
    return bees;
  }

  /** Busy bees, waiting tasks and held memory, for the colony temperature and heartbeats. */
  public PoolLoad load() {
    Map<BeeLease, Boolean> leases = new IdentityHashMap<>();
    int busy = 0;
    int queued;
    lock.lock();
    try {
      for (BeeLease holder : holders) {
        if (holder != null) {
          busy++;
          leases.put(holder, Boolean.TRUE);
        }
      }
      queued = queue.size();
    } finally {
      lock.unlock();
    }
    long used = 0;
    for (BeeLease lease : leases.keySet()) {
      used += lease.memoryUsedBytes();
    }
    return new PoolLoad(size, busy, queued, used, memoryPerBee * size);
  }

  /**
   * Stops handing out bees (waiting and new tasks get {@link BeesUnavailableException}) and waits
   * up to {@code timeout} for running tasks to give theirs back.
   *
   * @return whether every bee was idle in time
   */
  public boolean drain(Duration timeout) {
    lock.lock();
    try {
      stopHandingOut();
      long nanos = timeout.toNanos();
      while (free() < size) {
        if (nanos <= 0) {
          return false;
        }
        nanos = allIdle.awaitNanos(nanos);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Stops handing out bees and stops the watchdog; running tasks keep their bees. */
  @Override
  public void close() {
    lock.lock();
    try {
      stopHandingOut();
    } finally {
      lock.unlock();
    }
    watchdog.shutdownNow();
  }

  void release(BeeLease lease) {
    lock.lock();
    try {
      for (int bee : lease.bees()) {
        if (holders[bee] == lease) {
          holders[bee] = null;
        }
      }
      grantWaiting();
      if (free() == size) {
        allIdle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void stopHandingOut() {
    closed = true;
    for (Waiter waiter : queue) {
      waiter.granted.signal();
    }
  }

  /** Hands free bees to the head of the line while it fits (lock held). */
  private void grantWaiting() {
    while (!closed && !queue.isEmpty() && free() >= queue.peekFirst().bees) {
      Waiter head = queue.pollFirst();
      head.lease = assign(head.task, head.bees);
      head.granted.signal();
    }
  }

  private BeeLease assign(String task, int bees) {
    List<Integer> taken = new ArrayList<>(bees);
    for (int i = 0; i < size && taken.size() < bees; i++) {
      if (holders[i] == null) {
        taken.add(i);
      }
    }
    BeeLease lease = new BeeLease(this, task, taken, memoryPerBee);
    for (int bee : taken) {
      holders[bee] = lease;
    }
    return lease;
  }

  private int free() {
    int free = 0;
    for (BeeLease holder : holders) {
      if (holder == null) {
        free++;
      }
    }
    return free;
  }

  private BeesUnavailableException closing(String task) {
    return new BeesUnavailableException(
        "The node is shutting down; task " + task + " was not started. Retry on a running node");
  }
}
