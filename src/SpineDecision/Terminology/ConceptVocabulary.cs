using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace SpineDecision.Terminology;

/// <summary>
/// The vocabulary an engine checks cases against: its code systems and its concept sets with their codes. Build an
/// EHR mapping table from it instead of reading the YAML; it is fixed for the engine's lifetime.
/// </summary>
/// <param name="CodeSystems">The code systems a case may write codes in, ordered by prefix.</param>
/// <param name="Sets">The concept sets, in declaration order.</param>
public sealed partial record ConceptVocabulary(ImmutableArray<CodeSystem> CodeSystems, ImmutableArray<ConceptSet> Sets)
{
    /// <summary>
    /// A report text as a clinician reads it: every hyphenated concept id it contains (<c>bladder-dysfunction</c>)
    /// becomes the concept's display name (<c>bladder dysfunction</c>), lower-cased inside the sentence unless the
    /// name starts with an acronym (<c>SCS implant</c>). Other words, codes and dates are left as they are. For text
    /// views; the JSON keeps the ids.
    /// </summary>
    /// <param name="text">A text from a report (an alert, a question, a reason).</param>
    /// <returns>The text with display names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public string DisplayText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HyphenatedId().Replace(text, match =>
        {
            foreach (var set in Sets)
            {
                foreach (var concept in set.Concepts)
                {
                    if (concept.Id == match.Value)
                    {
                        var display = concept.Display;
                        return display.Length > 1 && char.IsUpper(display[0]) && char.IsLower(display[1])
                            ? char.ToLowerInvariant(display[0]) + display[1..]
                            : display;
                    }
                }
            }

            return match.Value;
        });
    }

    [GeneratedRegex("(?<![A-Za-z0-9_.:-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![A-Za-z0-9_:-])", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenatedId();
}
