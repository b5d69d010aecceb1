using Translate.Tests.Cli;

namespace Translate.Tests.BuildMode;

/// <summary>
/// CUDA graphs, stream capture and the stream-ordered allocator in build mode, as the CUDA 12 runtime
/// API documents them. Each program in Programs/ checks its own results and prints what it found
/// (results, node types, error codes); the expected text is the documented behaviour. Every device.
/// </summary>
public class GraphTests
{

    private static readonly Dictionary<string, string> Built = [];

    /// <summary>Builds Programs/<paramref name="name"/>.cu once per test run and runs it on <paramref name="device"/>.</summary>
    private static CliResult Run(string name, string device)
    {
        string exe;
        lock (Built)
        {
            if (!Built.TryGetValue(name, out exe!))
            {
                var dir = Directory.CreateTempSubdirectory(name).FullName;
                exe = Path.Combine(dir, name);
                var build = CliRunner.Run("build", Path.Combine(Repository.Root, "tests", "Translate.Tests", "BuildMode", "Programs", name + ".cu"), "-o", exe);
                Assert.True(build.ExitCode == 0, build.Stderr);
                Built[name] = exe;
            }
        }
        var run = Executable.Run(exe, Path.GetDirectoryName(exe)!, new Dictionary<string, string> { ["TRANSLATE_DEVICE"] = device });
        Assert.True(run.ExitCode == 0, $"{device}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        return run;
    }

    private static void Expect(string name, string device, string expected)
    {
        var run = Run(name, device);
        Assert.True(expected.ReplaceLineEndings("\n") == run.Stdout.ReplaceLineEndings("\n"), $"{device}:\n{run.Stdout}\n{run.Stderr}");
    }

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void A_fork_and_join_captured_across_two_streams_replays_with_the_arguments_of_capture_time(string device) =>
        Expect("graphCaptureForkJoin", device, """
            begin 0
            forked stream captures 1
            capture info 1 id 1 deps 1
            end 0 graph 1
            after end captures 0
            nothing ran while capturing 1
            nodes 7 edges 7 roots 1
            types 1 2 0 0 3 0 1
            instantiate 0
            replay 0 right 1 host calls 1
            replay 1 right 1 host calls 2
            replay 2 right 1 host calls 3
            dot 0
            dot starts digraph cudaGra
            destroy 0 0
            last 0

            """);

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void An_explicit_graph_is_cloned_instantiated_updated_and_nested_keeping_each_copy_s_parameters(string device) =>
        Expect("graphExplicit", device, """
            memset node 0
            memcpy node 0
            empty node 0
            kernel node 0
            3-D memcpy node 0
            add dependency 0
            host node 0
            cycle refused 1
            nodes 6 roots 2 edges 5
            edge kernel->copy 1
            kept argument 2 func 1 block 128
            instantiate 0
            launch a=2 checked 1 wrong 0
            find in clone 0
            set params 0
            clone a=3 checked 2 wrong 0
            original a=2 checked 3 wrong 0
            exec set params 0
            exec a=5 checked 4 wrong 0
            update 0 result 0
            updated a=3 checked 5 wrong 0
            update other topology 910 result 2
            child node 0
            child graph a=2 checked 6 wrong 0
            child type 4
            destroy 0 0 0 0
            destroyed handle 1

            """);

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Graph_allocations_are_live_from_their_node_until_freed_inside_or_outside_the_graph(string device) =>
        Expect("graphMemoryNodes", device, """
            malloc async 0 address 1
            free async 0
            end 0
            types 10 0 0 11
            alloc params 1 1
            launch 0 right 1 used 0 reserved 1
            launch 0 right 1 used 0 reserved 1
            use after the graph freed it 1
            alloc node 0 address 1
            launch 0 right 1 used 1024
            free outside 0 used 0
            double free 1
            auto free instantiate 0
            launches 0 0 used 1024 high 1
            reset high 0 high 0
            trim 0 reserved after destroy 0

            """);

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Stream_ordered_pools_reuse_release_at_their_threshold_and_report_their_figures(string device) =>
        Expect("streamOrderedPools", device, """
            supported 1 default 0 current is default 1
            threshold 0
            malloc async 0
            used while live 262144
            right 1 used 0 reserved 262144 used high 262144
            freed memory refused 1
            reused 1
            trim 0 reserved 0
            reserved before sync 262144 after 0
            set current figure 1
            create 0
            from pool 0 pool used 4096 default used 0
            set device pool 0 current 1 pool used 4196
            access 3 own device read-only 101
            destroy 0 default 1
            back to default 1

            """);

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Capture_refuses_unjoined_work_waiting_for_a_capture_and_unsafe_calls_with_cuda_s_errors(string device) =>
        Expect("graphCaptureErrors", device, """
            unjoined 904 graph 1 forked stream released 1
            synchronize capturing stream 900 status 2 next launch 901 end 901
            legacy stream copy 906 end 901
            non-blocking: legacy copy 0 malloc 900 end 901
            relaxed malloc 0 end 0
            previous mode 0 thread relaxed malloc 0 end 0
            end in forked stream 903 captured event query 907
            capture legacy stream 900
            no captured kernel ran 1

            """);

    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Event_nodes_disabled_nodes_destroyed_nodes_and_replaced_child_graphs_behave_as_documented(string device) =>
        Expect("graphEventsAndToggles", device, """
            event record node 0
            node event 1
            instantiate with params 0 result 0
            value 2 event query 0 elapsed 0 1
            disable 0 enabled 0 value 3 enabled again value 5
            disable an event node 1
            destroy node 0 nodes 2 edges 1 roots 1
            external record 0 external wait 0 end 0 types 7 0 6
            child params 0 value 10 other topology 1

            """);

    /// <summary>
    /// Conditional nodes: an if body runs for odd values only (2 of 0..3); a while whose handle is reset
    /// to 1 at each launch runs its captured body until a kernel clears it (5, then 3 times); a switch
    /// runs body 0, 1 or 2 and none for 3 and 4; a handle serves only its own graph (cudaErrorInvalidValue).
    /// </summary>
    [RequiresTheory(Need.BuildMode)]
    [MemberData(nameof(Requirements.BuildModeDevices), MemberType = typeof(Requirements))]
    public void Conditional_nodes_run_their_bodies_as_the_handle_says(string device) =>
        Expect("graphConditional", device, """
            handle 0
            if node 0 body 1
            instantiate 0
            if ran body 2 times
            capture to body 0
            end capture 0
            while ran body 8 times
            switch node 0
            switch sum 111 after 5000
            foreign handle 1
            unknown handle 1
            if with two bodies 1

            """);
}
