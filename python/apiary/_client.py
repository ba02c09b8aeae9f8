"""The ``Apiary`` class: one Apiary node inside this Python process."""

import atexit
import functools
import json
import weakref

import jpype
import pyarrow as pa

from . import _arrow, _jvm
from .errors import ApiaryError, InvalidInputError

_MIB = 1 << 20
_GIB = 1 << 30


# Nodes started and not yet shut down. A node left running when Python exits is shut down
# (it leaves the swarm, its engines stop) before the JVM stops: atexit runs handlers last
# registered first, and JPype registered its own when it was imported above.
_RUNNING = weakref.WeakSet()


@atexit.register
def _shutdown_running():
    for node in list(_RUNNING):
        try:
            node.shutdown()
        except Exception:  # noqa: BLE001  (exiting: nothing left to report to)
            pass


def _started(method):
    """Runs a call on the started node, mapping Java exceptions to ApiaryError subclasses."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if self._node is None:
            raise ApiaryError(
                f"Apiary '{self._name}' is not started; call start() first"
                f" (or use `with Apiary(...) as ap:`) before {method.__name__}()"
            )
        try:
            return method(self, *args, **kwargs)
        except jpype.JException as e:
            raise self._java.translate(e) from None

    return call


def _strings(java_list):
    return [str(x) for x in java_list]


def _cache_status(c):
    frames = {}
    for entry in c.frames().entrySet():
        usage = entry.getValue()
        frames[str(entry.getKey())] = {"cells": int(usage.cells()), "bytes": int(usage.bytes())}
    return {
        "size_bytes": int(c.sizeBytes()),
        "capacity_bytes": int(c.capacityBytes()),
        "cells": int(c.entries()),
        "hits": int(c.hits()),
        "misses": int(c.misses()),
        "downloads": int(c.downloads()),
        "downloaded_bytes": int(c.downloadedBytes()),
        "evictions": int(c.evictions()),
        "write_throughs": int(c.writeThroughs()),
        "frames": frames,
    }


class Apiary:
    """A node of the named apiary.

    ``Apiary(name, storage=None)``: ``storage`` is a path, ``local:///abs/path`` or
    ``s3://bucket/prefix``; the default is ``~/.apiary/data/<name>``. Call :meth:`start` (or use
    ``with Apiary(...) as ap:``) before anything else; every other call before it raises
    :class:`ApiaryError` (a ``RuntimeError``).

    One instance may be used from many threads: Java does the work without holding the GIL.
    """

    def __init__(self, name, storage=None):
        self._java = _jvm.classes()
        try:
            config = self._java.ApiaryConfig.named(name)
            if storage is not None:
                config = config.withStorage(str(storage))
        except jpype.JException as e:
            raise self._java.translate(e) from None
        self._name = str(config.name())
        self._storage = storage
        self._config = config
        self._node = None

    def __repr__(self):
        state = "running" if self._node is not None else "stopped"
        return f"Apiary({self._name!r}, storage={self._storage!r}) [{state}]"

    # ---- lifecycle ----

    def start(self):
        """Opens storage and the catalog. Idempotent. Returns ``self``."""
        if self._node is None:
            node = self._java.Apiary(self._config)
            try:
                node.start()
            except jpype.JException as e:
                raise self._java.translate(e) from None
            self._node = node
            _RUNNING.add(self)
        return self

    def shutdown(self):
        """Stops the node and releases its resources. Idempotent."""
        node, self._node = self._node, None
        _RUNNING.discard(self)
        if node is not None:
            try:
                node.shutdown()
            except jpype.JException as e:
                raise self._java.translate(e) from None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.shutdown()
        return False

    # ---- status ----

    @_started
    def status(self):
        """``{name, node_id, cores, memory_gb, bees, storage, memory_per_bee_mb,
        target_cell_size_mb, state, cache}``; ``storage`` is ``"local"`` or ``"s3"``; ``cache``
        is the local cell cache: ``{size_bytes, capacity_bytes, cells, hits, misses, downloads,
        downloaded_bytes, evictions, write_throughs, frames: {"hive.box.frame": {cells, bytes}}}``."""
        s = self._node.status()
        return {
            "name": str(s.name()),
            "node_id": str(s.nodeId()),
            "cores": int(s.cores()),
            "memory_gb": round(int(s.memoryBytes()) / _GIB, 2),
            "bees": int(s.bees()),
            "storage": str(s.storage()),
            "memory_per_bee_mb": round(int(s.memoryPerBeeBytes()) / _MIB, 1),
            "target_cell_size_mb": round(int(s.targetCellBytes()) / _MIB, 1),
            "state": str(s.state()),
            "cache": _cache_status(s.cache()),
        }

    # ---- namespaces ----

    @_started
    def create_hive(self, name):
        """Creates a hive (database). Creating an existing one is a no-op."""
        self._node.createHive(name)

    @_started
    def create_box(self, hive, name):
        """Creates a box (schema) in a hive. Creating an existing one is a no-op."""
        self._node.createBox(hive, name)

    @_started
    def create_frame(self, hive, box, name, schema, partition_by=None):
        """Creates a frame (table).

        ``schema`` is an ordered ``{column: type}`` dict (``int64``, ``float64``, ``string``,
        ``boolean``, ``date``, ``timestamp``, ``decimal(p,s)``, ``binary``, ...; append
        ``" not null"`` for a required column). ``partition_by`` is a list of column names.
        Creating the same frame again is a no-op; with another definition it is an error.
        """
        if not isinstance(schema, dict):
            raise TypeError(f"schema must be a dict of column name to type, got {type(schema)!r}")
        java_schema = self._java.LinkedHashMap()
        for column, type_name in schema.items():
            java_schema.put(str(column), str(type_name))
        java_partitions = self._java.ArrayList()
        if isinstance(partition_by, str):
            partition_by = [partition_by]
        for column in partition_by or []:
            java_partitions.add(str(column))
        self._node.createFrame(hive, box, name, java_schema, java_partitions)

    @_started
    def list_hives(self):
        return sorted(_strings(self._node.listHives()))

    @_started
    def list_boxes(self, hive):
        return sorted(_strings(self._node.listBoxes(hive)))

    @_started
    def list_frames(self, hive, box):
        return sorted(_strings(self._node.listFrames(hive, box)))

    @_started
    def get_frame(self, hive, box, name):
        """``{name, schema, partition_by, max_partitions, created_at, version, cell_count,
        row_count, total_bytes}``; ``created_at`` is an ISO-8601 UTC string."""
        f = self._node.getFrame(hive, box, name)
        return {
            "name": str(f.name()),
            "schema": {str(k): str(v) for k, v in f.schema().items()},
            "partition_by": _strings(f.partitionBy()),
            "max_partitions": int(f.maxPartitions()),
            "created_at": str(f.createdAt().toString()),
            "version": int(f.version()),
            "cell_count": int(f.cellCount()),
            "row_count": int(f.rowCount()),
            "total_bytes": int(f.totalBytes()),
        }

    # ---- writes ----

    @_started
    def write_to_frame(self, hive, box, frame, data, backpressure="block"):
        """Appends ``data`` as one commit.

        ``data``: Arrow IPC stream bytes, a ``pyarrow`` Table / RecordBatch / RecordBatchReader,
        a ``pandas`` or ``polars`` DataFrame. Columns are matched by name. Returns
        ``{version, cells_written, rows_written, bytes_written, duration_ms, temperature}``;
        ``temperature`` is the node's colony temperature while the write held its bees.

        ``backpressure``: what the write does when the colony is hot: ``"block"`` waits up to
        30 s for it to cool, ``"error"`` raises :class:`BackpressureError` at once, ``"ignore"``
        goes ahead. A critical colony refuses every write except ``"ignore"``.
        """
        return self._write(self._java.PythonBridge.append, hive, box, frame, data, backpressure)

    @_started
    def overwrite_frame(self, hive, box, frame, data, backpressure="block"):
        """Replaces the frame's contents with ``data`` as one commit; returns like
        :meth:`write_to_frame`."""
        return self._write(
            self._java.PythonBridge.overwrite, hive, box, frame, data, backpressure
        )

    def _write(self, bridge_call, hive, box, frame, data, backpressure):
        if backpressure not in ("block", "error", "ignore"):
            raise InvalidInputError(
                f"backpressure must be 'block', 'error' or 'ignore', got {backpressure!r}"
            )
        reader = _arrow.to_reader(data)
        stream = _arrow.StreamStruct()
        reader._export_to_c(stream.address)
        summary = bridge_call(self._node, hive, box, frame, stream.address, backpressure)
        return {
            "version": int(summary.version()),
            "cells_written": int(summary.cellsWritten()),
            "rows_written": int(summary.rowsWritten()),
            "bytes_written": int(summary.bytesWritten()),
            "duration_ms": int(summary.durationMillis()),
            "temperature": float(summary.temperature()),
        }

    # ---- reads and SQL ----

    def _reader(self, result):
        """A pyarrow reader over a Java QueryResult (moved through the C data interface)."""
        stream = _arrow.StreamStruct()
        self._java.PythonBridge.exportResult(self._node.allocator(), result, stream.address)
        return pa.RecordBatchReader._import_from_c(stream.address)

    @_started
    def read_from_frame(self, hive, box, frame, partition_filter=None):
        """The frame's rows as Arrow IPC stream bytes, or ``None`` if there are none.

        ``partition_filter``: ``{partition_column: value}``; only rows whose partition columns
        equal the values are read.
        """
        java_filter = self._java.LinkedHashMap()
        for column, value in (partition_filter or {}).items():
            java_filter.put(str(column), None if value is None else _partition_text(value))
        reader = self._reader(self._node.read(hive, box, frame, java_filter))
        try:
            data, rows = _arrow.to_ipc_bytes(reader)
        finally:
            reader.close()
        return data if rows > 0 else None

    def _run(self, query, timeout):
        if timeout is None:
            return self._node.sql(query)
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise InvalidInputError(f"timeout must be a number of seconds, got {timeout!r}")
        return self._java.PythonBridge.sql(self._node, query, float(timeout))

    @_started
    def sql(self, query, timeout=None):
        """Runs SQL (DuckDB dialect; ``hive.box.frame`` names, USE, SHOW, DESCRIBE, EXPLAIN).
        Returns Arrow IPC stream bytes; an empty result keeps its schema.

        ``timeout``: seconds the statement may run once it has its bees; past it the engine is
        interrupted, the bees are freed and :class:`ApiaryError` says it timed out."""
        reader = self._reader(self._run(query, timeout))
        try:
            data, _ = _arrow.to_ipc_bytes(reader)
        finally:
            reader.close()
        return data

    @_started
    def query(self, query, timeout=None):
        """Runs SQL like :meth:`sql` (same ``timeout``) and returns a ``pyarrow.Table``.

        The rows cross from Java without a copy; the table then gets one memory copy into
        Python-owned buffers, so it stays valid after :meth:`shutdown`.
        """
        reader = self._reader(self._run(query, timeout))
        try:
            batches = [_arrow.own(batch) for batch in reader]
        finally:
            reader.close()
        return pa.Table.from_batches(batches, schema=reader.schema)

    @_started
    def swarm_status(self):
        """The swarm as this node sees it: ``{nodes: [{node_id, state, bees, idle_bees,
        memory_pressure, colony_temperature}], total_bees, total_idle_bees, alive}``.

        ``state`` is ``"alive"``, ``"suspect"`` (no new heartbeat for 15 s) or ``"dead"`` (30 s),
        judged by when this node last saw the node's heartbeat change. This node is included.
        ``total_bees``, ``total_idle_bees`` and ``alive`` count alive nodes only.
        """
        return json.loads(str(self._java.PythonBridge.swarmStatusJson(self._node)))

    @_started
    def bee_status(self):
        """Every bee of this node, in order: ``[{bee_id, state, memory_used, memory_budget,
        task}]``. ``bee_id`` is ``"bee-<i>"``, ``state`` ``"idle"`` or ``"busy"``,
        ``memory_used`` the bee's share of what its task's engine holds now (bytes),
        ``memory_budget`` the bee's memory (bytes), ``task`` what it works on (``""`` when idle).
        """
        return json.loads(str(self._java.PythonBridge.beeStatusJson(self._node)))

    @_started
    def colony_status(self):
        """The behavioural model now: ``{temperature, regulation, setpoint, abandoned_tasks}``
        and the inputs ``bees, busy_bees, queue_depth, memory_used, memory_budget,
        memory_pressure``.

        ``temperature = 0.4 * busy_bees/bees + 0.4 * memory_pressure
        + 0.2 * min(queue_depth / (2 * bees), 1)``; ``regulation`` is ``"cold"`` (< 0.3),
        ``"ideal"`` (≤ 0.7), ``"warm"`` (≤ 0.85), ``"hot"`` (≤ 0.95) or ``"critical"``;
        ``setpoint`` is 0.5; ``abandoned_tasks`` counts attempts retried since the node started.
        """
        return json.loads(str(self._java.PythonBridge.colonyStatusJson(self._node)))

    # ---- conventional names ----

    def create_database(self, name):
        return self.create_hive(name)

    def create_schema(self, database, name):
        return self.create_box(database, name)

    def create_table(self, database, schema_name, name, schema, partition_by=None):
        return self.create_frame(database, schema_name, name, schema, partition_by)

    def list_databases(self):
        return self.list_hives()

    def list_schemas(self, database):
        return self.list_boxes(database)

    def list_tables(self, database, schema_name):
        return self.list_frames(database, schema_name)

    def get_table(self, database, schema_name, name):
        return self.get_frame(database, schema_name, name)


def _partition_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
