/**
 * The project operations of {@code berth compose}, as a client of the Engine API ({@link
 * berth.compose.project.ProjectEngine} over the berth client): {@code up}, {@code down}, the container
 * verbs and one-off containers, on a {@code berth.compose.model.Project}.
 *
 * <p>Everything created carries Docker Compose v2's {@code com.docker.compose.*} labels ({@link
 * berth.compose.project.ComposeLabels}) and names ({@link berth.compose.project.ContainerNames}), and
 * containers are found by label only, so a project brought up by either tool is handled by the other.
 *
 * <p>{@code up} per service: {@link berth.compose.project.ConvergencePlan} compares the containers
 * that exist with the file (config hash label, image ID, scale) and decides keep / recreate / create /
 * remove; {@link berth.compose.project.CreateRequests} maps the service to the create request;
 * {@link berth.compose.project.DependencyRunner} runs services in dependency order and in parallel
 * where it allows, after their depends_on conditions hold. Networks and volumes are created first,
 * images built or pulled by pull_policy. Nothing is created before the model has loaded and validated.
 */
package berth.compose.project;
