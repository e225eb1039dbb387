package dev.lbc.compiler.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which path a CI system is given for a file, from where lbc ran and what the CI set. */
class WorkspaceTest {
  private static final Path CWD = Path.of("/work/repo/tools");

  @Test
  void githubWorkspaceWinsOverGitlabAndTheCurrentFolder() {
    Workspace w =
        Workspace.of(Map.of("GITHUB_WORKSPACE", "/work/repo", "CI_PROJECT_DIR", "/other"), CWD);
    assertEquals("deploy/a.yaml", w.path("../deploy/a.yaml"));
    assertEquals("deploy/a.yaml", w.path("/work/repo/deploy/a.yaml"));
  }

  @Test
  void gitlabProjectDirWithoutGithub() {
    Workspace w = Workspace.of(Map.of("CI_PROJECT_DIR", "/work/repo"), CWD);
    assertEquals("tools/a.lbc", w.path("a.lbc"));
  }

  @Test
  void theCurrentFolderWithoutAnyCi() {
    Workspace w = Workspace.of(Map.of("GITHUB_WORKSPACE", " "), CWD);
    assertEquals("a.lbc", w.path("./a.lbc"));
  }

  @Test
  void aFileOutsideTheCheckoutKeepsItsPath() {
    Workspace w = Workspace.of(Map.of("GITHUB_WORKSPACE", "/work/repo"), CWD);
    assertEquals("/etc/lbc/a.yaml", w.path("/etc/lbc/a.yaml"));
    assertEquals("../../repo-two/a.yaml", w.path("../../repo-two/a.yaml"));
    // a sibling whose name starts like the root is outside it too
    assertEquals("/work/repo2/a.yaml", w.path("/work/repo2/a.yaml"));
  }
}
