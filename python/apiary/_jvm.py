"""Starting the JVM (once per process) with Apiary's jars, and mapping Java exceptions."""

import glob
import os
import threading

import jpype
import jpype.imports  # noqa: F401  (enables Java packages as modules)

from . import errors

_ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED"
# Arrow Java logs its allocator set-up at INFO on every start; keep the user's stderr clean.
_QUIET_ARROW = "-Dorg.slf4j.simpleLogger.log.org.apache.arrow=warn"
_lock = threading.Lock()
_classes = None


def _repo_root():
    root = os.environ.get("APIARY_REPO")
    if root:
        return root
    marker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_repo.txt")
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as f:
            return f.read().strip()
    # Running from the source tree (python/apiary inside the repository).
    candidate = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if os.path.exists(os.path.join(candidate, "apiary-cli", "pom.xml")):
        return candidate
    return None


def classpath():
    """The jars and directories the JVM needs, from ``APIARY_CLASSPATH`` or the repository build."""
    explicit = os.environ.get("APIARY_CLASSPATH")
    if explicit:
        entries = []
        for part in explicit.split(os.pathsep):
            entries.extend(sorted(glob.glob(part)) if any(c in part for c in "*?[") else [part])
        return [e for e in entries if e]
    root = _repo_root()
    build = "mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl apiary-cli -am package"
    if root is None:
        raise errors.ApiaryError(
            "Cannot find Apiary's Java libraries: set APIARY_CLASSPATH to the jars (separated by"
            f" '{os.pathsep}'), or APIARY_REPO to a repository checkout built with `{build}`"
        )
    listing = os.path.join(root, "apiary-cli", "target", "classpath.txt")
    if not os.path.exists(listing):
        raise errors.ApiaryError(
            f"Apiary's Java build is missing ({listing} does not exist): run `{build}` in {root}"
        )
    with open(listing, encoding="utf-8") as f:
        return [e for e in f.read().strip().split(os.pathsep) if e]


def _jvm_path():
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        for candidate in ("lib/server/libjvm.so", "jre/lib/server/libjvm.so",
                          "lib/server/libjvm.dylib", "bin/server/jvm.dll"):
            path = os.path.join(java_home, candidate)
            if os.path.exists(path):
                return path
    try:
        return jpype.getDefaultJVMPath()
    except jpype.JVMNotFoundException as e:
        raise errors.ApiaryError(
            "Java 17 or newer is needed: install a JDK and set JAVA_HOME or put java on PATH"
        ) from e


def classes():
    """Starts the JVM on first use and returns the Java classes the SDK uses."""
    global _classes
    with _lock:
        if _classes is not None:
            return _classes
        if not jpype.isJVMStarted():
            options = [_ADD_OPENS, _QUIET_ARROW] + os.environ.get("APIARY_JAVA_OPTS", "").split()
            jpype.startJVM(_jvm_path(), *options, classpath=classpath(), convertStrings=False)
        _classes = _Classes()
        return _classes


class _Classes:
    def __init__(self):
        self.Apiary = jpype.JClass("dev.apiary.runtime.Apiary")
        self.ApiaryConfig = jpype.JClass("dev.apiary.runtime.ApiaryConfig")
        self.PythonBridge = jpype.JClass("dev.apiary.runtime.python.PythonBridge")
        self.LinkedHashMap = jpype.JClass("java.util.LinkedHashMap")
        self.ArrayList = jpype.JClass("java.util.ArrayList")
        self.ApiaryException = jpype.JClass("dev.apiary.error.ApiaryException")
        self._mapping = [
            ("dev.apiary.error.NotFoundException", errors.NotFoundError),
            ("dev.apiary.engine.SchemaMismatchException", errors.SchemaError),
            ("dev.apiary.engine.AccessDeniedException", errors.AccessDenied),
            ("dev.apiary.table.CommitConflictException", errors.ConflictError),
            ("dev.apiary.error.InvalidInputException", errors.InvalidInputError),
        ]
        self._mapping = [(jpype.JClass(name), cls) for name, cls in self._mapping]

    def translate(self, exc):
        """The Python error for a Java exception (its message kept)."""
        message = exc.getMessage()
        message = str(message) if message is not None else str(exc.getClass().getName())
        java_class = str(exc.getClass().getName())
        simple = str(exc.getClass().getSimpleName())
        if not isinstance(exc, self.ApiaryException):
            return errors.ApiaryError(f"{simple}: {message}", "INTERNAL", java_class)
        category = str(exc.category().name())
        python_class = errors.ApiaryError
        for java, cls in self._mapping:
            if isinstance(exc, java):
                python_class = cls
                break
        else:
            if "MemoryExceeded" in simple:
                python_class = errors.MemoryExceededError
            elif "Backpressure" in simple:
                python_class = errors.BackpressureError
            elif category == "CONFLICT":
                python_class = errors.ConflictError
        return python_class(message, category, java_class)
