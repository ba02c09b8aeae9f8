"""Arrow data in and out: user data to a RecordBatchReader, C stream structs for Java."""

import ctypes

import pyarrow as pa

# struct ArrowArrayStream { get_schema, get_next, get_last_error, release, private_data }
_STREAM_STRUCT_BYTES = 5 * ctypes.sizeof(ctypes.c_void_p)


def to_reader(data):
    """Any accepted ``data`` as a ``pyarrow.RecordBatchReader``."""
    if isinstance(data, pa.RecordBatchReader):
        return data
    if isinstance(data, pa.Table):
        return data.to_reader()
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data]).to_reader()
    if isinstance(data, (bytes, bytearray, memoryview)):
        return pa.ipc.open_stream(pa.py_buffer(data))
    if isinstance(data, pa.Buffer):
        return pa.ipc.open_stream(data)
    module = type(data).__module__ or ""
    if module.startswith("pandas") and type(data).__name__ == "DataFrame":
        return pa.Table.from_pandas(data, preserve_index=False).to_reader()
    if module.startswith("polars") and type(data).__name__ == "DataFrame":
        return data.to_arrow().to_reader()
    if hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data)
    raise TypeError(
        "data must be Arrow IPC stream bytes, a pyarrow Table, RecordBatch or RecordBatchReader,"
        f" a pandas or polars DataFrame, or an object with __arrow_c_stream__; got {type(data)!r}"
    )


class StreamStruct:
    """An empty ``ArrowArrayStream`` struct owned by Python (zeroed = released)."""

    def __init__(self):
        self._buffer = ctypes.create_string_buffer(_STREAM_STRUCT_BYTES)

    @property
    def address(self):
        return ctypes.addressof(self._buffer)


def to_ipc_bytes(reader):
    """Writes a reader to Arrow IPC stream bytes; returns (bytes, rows)."""
    sink = pa.BufferOutputStream()
    rows = 0
    with pa.ipc.new_stream(sink, reader.schema) as writer:
        for batch in reader:
            rows += batch.num_rows
            writer.write_batch(batch)
    return sink.getvalue().to_pybytes(), rows


def own(batch):
    """A copy of the batch in memory allocated by pyarrow (not by the JVM)."""
    if hasattr(batch, "copy_to"):
        return batch.copy_to(pa.default_cpu_memory_manager())
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return pa.ipc.open_stream(sink.getvalue()).read_next_batch()
