"""Starting the JVM (once per process) with Apiary's jars, and mapping Java exceptions."""

import glob
import os
import threading

import jpype
import jpype.config
import jpype.imports  # noqa: F401  (enables Java packages as modules)

from . import errors

_ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED"
# Arrow Java logs its allocator set-up at INFO on every start; keep the user's stderr clean.
_QUIET_ARROW = "-Dorg.slf4j.simpleLogger.log.org.apache.arrow=warn"
_lock = threading.Lock()
_classes = None


_BUILD = "mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl apiary-cli -am package"


def _packaged_jars():
    """The jars installed with the package (``apiary/jars``, listed in Maven's order), if any."""
    jars = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jars")
    listing = os.path.join(jars, "classpath.txt")
    if not os.path.exists(listing):
        return None
    with open(listing, encoding="utf-8") as f:
        return [os.path.join(jars, name) for name in f.read().split() if name]


def _repo_jars(root):
    listing = os.path.join(root, "apiary-cli", "target", "classpath.txt")
    if not os.path.exists(listing):
        raise errors.ApiaryError(
            f"Apiary's Java build is missing ({listing} does not exist): run `{_BUILD}` in {root}"
        )
    with open(listing, encoding="utf-8") as f:
        return [e for e in f.read().strip().split(os.pathsep) if e]


def classpath():
    """The jars the JVM needs: ``APIARY_CLASSPATH``, else ``APIARY_REPO``'s build, else the jars
    installed with the package, else the build of the checkout this source file sits in."""
    explicit = os.environ.get("APIARY_CLASSPATH")
    if explicit:
        entries = []
        for part in explicit.split(os.pathsep):
            entries.extend(sorted(glob.glob(part)) if any(c in part for c in "*?[") else [part])
        return [e for e in entries if e]
    repo = os.environ.get("APIARY_REPO")
    if repo:
        return _repo_jars(repo)
    packaged = _packaged_jars()
    if packaged:
        return packaged
    # Running from the source tree (python/apiary inside the repository).
    candidate = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if os.path.exists(os.path.join(candidate, "apiary-cli", "pom.xml")):
        return _repo_jars(candidate)
    raise errors.ApiaryError(
        "Cannot find Apiary's Java libraries: install the package from a repository checkout after"
        f" the Maven build (`{_BUILD}`, then `pip install ./python`), or set APIARY_CLASSPATH to"
        f" the jars (separated by '{os.pathsep}')"
    )


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
            # At exit JPype destroys the JVM, which now and then crashed the interpreter (a known
            # JPype race at termination; about one test run in five here). Nodes are shut down
            # before that (see _client), so the JVM only needs to stop, not to be destroyed.
            jpype.config.destroy_jvm = False
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
