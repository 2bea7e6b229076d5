package io.jenkins.plugins.digicert.workspace;

import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.MessageText;
import java.util.ArrayList;
import java.util.List;

/**
 * Workspace paths as text: the checks a path passes before any file is touched (the file system is asked later,
 * where the workspace lives, by {@link WorkspaceFiles}), and the paths under which files are archived.
 */
public final class WorkspacePaths {

    private WorkspacePaths() {}

    /**
     * A path inside the workspace: relative, with '/' or '\' separators, no '..' segment, no drive letter.
     * Symbolic links are checked where the file lives (the Jenkins layer asks the agent).
     */
    public static String check(String value, String field) throws InvalidInputException {
        String path = value == null ? "" : value.strip();
        if (path.isEmpty()) {
            throw new InvalidInputException(field + " is required: a path relative to the workspace.");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidInputException(field + " contains a NUL character.");
        }
        String unified = path.replace('\\', '/');
        if (unified.startsWith("/") || unified.startsWith("~") || unified.matches("^[A-Za-z]:.*")) {
            throw new InvalidInputException(field + " '" + MessageText.quote(path)
                    + "' is absolute; give a path relative to the workspace, such as '"
                    + (field.equals("outputDir") ? "out/tls" : "tls/server.csr") + "'.");
        }
        for (String segment : unified.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidInputException(
                        field + " '" + MessageText.quote(path) + "' leads out of the workspace ('..').");
            }
        }
        return unified;
    }

    /** The workspace-relative paths of the files, as they will be archived: 'dir/name', or 'name' for '.'. */
    public static List<String> relativePaths(String relativeDir, Iterable<String> names) throws InvalidInputException {
        String dir = normalizeDirectory(check(relativeDir, "outputDir"));
        List<String> paths = new ArrayList<>();
        for (String name : names) {
            paths.add(dir.isEmpty() ? name : dir + "/" + name);
        }
        return paths;
    }

    /** 'a/./b/' becomes 'a/b'; '.' becomes '' (the workspace itself). */
    public static String normalizeDirectory(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }
}
