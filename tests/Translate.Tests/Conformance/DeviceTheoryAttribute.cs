using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Translate.Tests.Conformance;

/// <summary>Names the device a conformance subclass runs its inherited behaviours on.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DeviceAttribute(string name) : Attribute
{
    public string Name => name;

    /// <summary>The device named on <paramref name="testClass"/>.</summary>
    public static string Of(Type testClass) => testClass.GetCustomAttribute<DeviceAttribute>()?.Name
        ?? throw new InvalidOperationException($"{testClass.Name} does not name its device with [Device(\"NAME\")]");
}

/// <summary>
/// A theory of a conformance class: it runs on the device the test class names with
/// <see cref="DeviceAttribute"/>, and is skipped with that device's reason where it is unavailable.
/// </summary>
[XunitTestCaseDiscoverer("Translate.Tests.Conformance.DeviceTheoryDiscoverer", "Translate.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DeviceTheoryAttribute : TheoryAttribute;

/// <summary>Finds the test class's device when tests are discovered (an attribute alone cannot see its class).</summary>
public sealed class DeviceTheoryDiscoverer(IMessageSink diagnostics) : TheoryDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo theory)
    {
        var device = DeviceAttribute.Of(testMethod.TestClass.Class.ToRuntimeType());
        if (Requirements.DeviceMissing(device) is not { } why) return base.Discover(options, testMethod, theory);
        // One skipped case for the whole theory, as a theory's own Skip gives (that reads only the attribute).
        return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(),
            options.MethodDisplayOptionsOrDefault(), testMethod, why)];
    }
}
