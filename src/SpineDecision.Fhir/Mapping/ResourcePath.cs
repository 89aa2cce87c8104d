namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// The JSON path of a resource in its input (<c>$</c>, <c>$.member</c>, <c>$.entry[3].resource</c>), built only when
/// a report or an error shows it: most resources are mapped without their path ever being written.
/// </summary>
/// <param name="Parent">The path itself, or the path of the Bundle whose entry this is.</param>
/// <param name="Entry">The entry's index in that Bundle; -1 when <paramref name="Parent"/> is the whole path.</param>
internal readonly record struct ResourcePath(string Parent, int Entry)
{
    public static ResourcePath Root { get; } = new("$", -1);

    public static implicit operator ResourcePath(string path) => new(path, -1);

    public override string ToString() => Entry < 0 ? Parent : $"{Parent}.entry[{Entry}].resource";
}
