package dev.apiary.storage;

/**
 * The kinds of {@link ObjectStore} call, as counted by {@link CountingObjectStore} and targeted by
 * {@link FaultInjectingObjectStore}. Both {@code list} overloads are {@link #LIST}.
 */
public enum ObjectStoreOp {
  GET,
  GET_RANGE,
  HEAD,
  PUT,
  PUT_IF_ABSENT,
  LIST,
  DELETE;

  /** Whether the call changes the store (and so can fail after taking effect). */
  public boolean writes() {
    return this == PUT || this == PUT_IF_ABSENT || this == DELETE;
  }
}
