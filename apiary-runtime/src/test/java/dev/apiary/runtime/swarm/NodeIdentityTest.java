package dev.apiary.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiary.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
  @TempDir Path dir;

  @Test
  void theIdPersistsAcrossRestartsOfTheSameNodeDirectory() {
    String first;
    try (NodeIdentity identity = NodeIdentity.claim(dir.resolve("node"))) {
      first = identity.id();
      assertThat(identity.holdsDirectory()).isTrue();
    }
    try (NodeIdentity again = NodeIdentity.claim(dir.resolve("node"))) {
      assertThat(again.id()).isEqualTo(first);
    }
    try (NodeIdentity other = NodeIdentity.claim(dir.resolve("other"))) {
      assertThat(other.id()).isNotEqualTo(first);
    }
  }

  @Test
  void aSecondNodeOnADirectoryInUseGetsAnIdOfItsOwn() {
    try (NodeIdentity holder = NodeIdentity.claim(dir)) {
      try (NodeIdentity second = NodeIdentity.claim(dir)) {
        assertThat(second.holdsDirectory()).isFalse();
        assertThat(second.id()).startsWith(holder.id() + "-").isNotEqualTo(holder.id());
        NodeIdentity.requireValid(second.id());
      }
    }
    try (NodeIdentity next = NodeIdentity.claim(dir)) {
      assertThat(next.holdsDirectory()).isTrue();
    }
  }

  @Test
  void anInvalidIdFileIsAnErrorThatSaysHowToFixIt() throws Exception {
    Files.writeString(dir.resolve("node_id"), "../evil");
    assertThatThrownBy(() -> NodeIdentity.claim(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Invalid node id '../evil': use 1 to 128 letters, digits, '-' or '_'; delete the"
                + " node_id file of the node directory to get a new one");
  }
}
