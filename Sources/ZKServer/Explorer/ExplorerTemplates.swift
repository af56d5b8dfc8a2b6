/// The explorer's Mustache templates. Each starts by selecting `ExplorerHTMLContentType`, so
/// every `{{value}}` is escaped for HTML text and quoted attributes alike; the layout's
/// `{{{content}}}` is the only unescaped variable, and it holds a page these templates rendered.
enum ExplorerTemplates {
    static let pragma = "{{% CONTENT_TYPE: \(ExplorerHTMLContentType.name) }}"

    static let layout = pragma + #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{chainName}}</title>
    <style>
    body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
    header{background:#1d2330;color:#fff;padding:.6em 1.2em;display:flex;gap:1.4em;align-items:baseline;flex-wrap:wrap}
    header a{color:#cfe0ff;text-decoration:none}header strong{font-size:1.1em}
    main{padding:1em 1.2em;max-width:72em}
    h1{font-size:1.35em;margin:.2em 0 .6em}h2{font-size:1.1em;margin:1.4em 0 .4em}
    table{border-collapse:collapse;background:#fff;width:100%}
    th,td{border:1px solid #dde1e8;padding:.3em .5em;text-align:left;vertical-align:top}
    th{background:#eef1f5;font-weight:600;white-space:nowrap}
    .hex{font-family:ui-monospace,monospace;font-size:.86em;word-break:break-all}
    .revoked{color:#a1140a;font-weight:600}.valid{color:#176b1b}
    .note{background:#fff8df;border:1px solid #ecd98b;padding:.5em .7em}
    nav.pager{margin:.6em 0;display:flex;gap:1em}
    </style>
    </head>
    <body>
    <header><strong>{{chainName}}</strong>
    <a href="/">Status &amp; blocks</a><a href="/models">Models</a><a href="/datasets">Datasets &amp; attestations</a>
    <a href="/v1/status">API</a></header>
    <main>
    {{{content}}}
    </main>
    </body>
    </html>

    """#

    static let home = pragma + #"""
    <h1>Chain status</h1>
    {{#status}}
    <table id="status">
    <tr><th>Chain name</th><td id="chain-name">{{chainName}}</td></tr>
    <tr><th>Chain ID</th><td class="hex">{{chainID}}</td></tr>
    <tr><th>Height</th><td id="height">{{height}}</td></tr>
    <tr><th>Tip</th><td class="hex">{{tip}}</td></tr>
    <tr><th>Tip time</th><td>{{tipTime}}</td></tr>
    <tr><th>Threshold</th><td>{{threshold}} of {{validatorCount}} validator signatures</td></tr>
    <tr><th>Validators</th><td>{{#validators}}<div class="hex">#{{index}} {{key}}</div>{{/validators}}</td></tr>
    <tr><th>Pending transactions</th><td>{{pending}}</td></tr>
    <tr><th>This node’s role</th><td>{{role}}</td></tr>
    <tr><th>Registry</th><td>{{modelCount}} models ({{revokedCount}} revoked), {{datasetCount}} datasets, {{attestationCount}} attestations, {{transactionCount}} transactions</td></tr>
    </table>
    {{/status}}
    <h2>Latest blocks</h2>
    {{#hasBlocks}}
    <table id="blocks">
    <tr><th>Height</th><th>Time (UTC)</th><th>Transactions</th><th>Signatures</th><th>Hash</th></tr>
    {{#blocks}}
    <tr><td><a href="{{href}}">{{height}}</a></td><td>{{time}}</td><td>{{transactionCount}}</td><td>{{signatureCount}}</td><td class="hex">{{hash}}</td></tr>
    {{/blocks}}
    </table>
    {{/hasBlocks}}
    {{^hasBlocks}}<p>No blocks on this page.</p>{{/hasBlocks}}
    {{#pager}}
    <nav class="pager">{{#newerHref}}<a rel="prev" href="{{.}}">← Newer blocks</a>{{/newerHref}}{{#olderHref}}<a rel="next" href="{{.}}">Older blocks →</a>{{/olderHref}}</nav>
    {{/pager}}

    """#

    static let block = pragma + #"""
    {{#block}}
    <h1>Block {{height}}</h1>
    <nav class="pager">{{#previousHref}}<a rel="prev" href="{{.}}">← Block {{previousHeight}}</a>{{/previousHref}}{{#nextHref}}<a rel="next" href="{{.}}">Block {{nextHeight}} →</a>{{/nextHref}}</nav>
    <table id="header">
    <tr><th>Height</th><td>{{height}}</td></tr>
    <tr><th>Hash</th><td class="hex">{{hash}}</td></tr>
    <tr><th>Previous hash</th><td class="hex">{{previousHash}}</td></tr>
    <tr><th>Chain ID</th><td class="hex">{{chainID}}</td></tr>
    <tr><th>Time (UTC)</th><td>{{time}} ({{timestamp}} ms)</td></tr>
    <tr><th>Transactions root</th><td class="hex">{{transactionsRoot}}</td></tr>
    <tr><th>Transactions</th><td>{{transactionCount}}</td></tr>
    <tr><th>Models root</th><td class="hex">{{modelsRoot}}</td></tr>
    <tr><th>Models after this block</th><td>{{modelCount}}</td></tr>
    </table>
    <h2>Signatures</h2>
    <table id="signatures">
    <tr><th>Validator</th><th>Public key</th><th>Signature</th></tr>
    {{#signatures}}
    <tr><td>#{{validatorIndex}}</td><td class="hex">{{validatorKey}}</td><td class="hex">{{signature}}</td></tr>
    {{/signatures}}
    </table>
    <h2>Transactions</h2>
    <table id="transactions">
    <tr><th>#</th><th>Kind</th><th>Sender</th><th>Nonce</th><th>Summary</th></tr>
    {{#transactions}}
    <tr><td>{{index}}</td><td>{{kind}}</td><td class="hex">{{sender}}</td><td>{{nonce}}</td>
    <td class="summary">{{summary}}{{#modelHref}} · <a href="{{.}}">model page</a>{{/modelHref}}<div class="hex">transaction {{id}}</div></td></tr>
    {{/transactions}}
    </table>
    {{/block}}

    """#

    static let models = pragma + #"""
    <h1>Model registry</h1>
    <p>{{total}} models registered, newest first.</p>
    {{#hasModels}}
    <table id="models">
    <tr><th>Name</th><th>Version</th><th>Owner</th><th>Registered</th><th>Status</th><th>Attestations</th><th>Model ID</th></tr>
    {{#models}}
    <tr><td><a class="model-name" href="{{href}}" title="{{name}}">{{name}}</a></td><td>{{version}}</td><td class="hex">{{owner}}</td>
    <td><a href="{{registeredHref}}">block {{registeredAt}}</a></td>
    <td>{{#revocation}}<span class="revoked">{{.}}</span>{{/revocation}}{{^revocation}}<span class="valid">valid</span>{{/revocation}}</td>
    <td>{{attestations}}</td><td class="hex"><a href="{{href}}">{{modelID}}</a></td></tr>
    {{/models}}
    </table>
    {{/hasModels}}
    {{^hasModels}}<p>No models on this page.</p>{{/hasModels}}
    {{#pager}}
    <nav class="pager">{{#newerHref}}<a rel="prev" href="{{.}}">← Newer models</a>{{/newerHref}}{{#olderHref}}<a rel="next" href="{{.}}">Older models →</a>{{/olderHref}}</nav>
    {{/pager}}

    """#

    static let model = pragma + #"""
    {{#model}}
    <h1>Model <span id="model-name">{{name}}</span></h1>
    {{#revokedAt}}<p class="revoked">Revoked at <a href="{{revokedHref}}">block {{.}}</a>.</p>{{/revokedAt}}
    {{^revokedAt}}<p class="valid">Registered and not revoked as of this node’s tip.</p>{{/revokedAt}}
    <table id="model">
    <tr><th>Name</th><td>{{name}}</td></tr>
    <tr><th>Version</th><td>{{version}}</td></tr>
    <tr><th>Model ID</th><td class="hex">{{modelID}}</td></tr>
    <tr><th>Owner</th><td class="hex">{{owner}}</td></tr>
    <tr><th>Circuit digest</th><td class="hex">{{circuitDigest}}</td></tr>
    <tr><th>Weights commitment</th><td class="hex">{{weightsCommitment}}</td></tr>
    <tr><th>Registered</th><td><a href="{{registeredHref}}">block {{registeredAt}}</a>{{#registrationTransaction}}<div class="hex">transaction {{.}}</div>{{/registrationTransaction}}</td></tr>
    <tr><th>Attestations</th><td>{{attestations}}{{^attestationsComplete}} (counted up to block {{attestationsIndexedTo}}; reload for more){{/attestationsComplete}}</td></tr>
    {{#metadata}}<tr><th>Metadata “{{key}}”</th><td>{{value}}</td></tr>{{/metadata}}
    </table>
    <h2>Downloads</h2>
    <ul>
    <li><a id="receipt" href="{{receiptHref}}" download="{{receiptFilename}}">Registration receipt</a> (binary, {{receiptFilename}}): the registration with its inclusion proof and signed header, and the registry entry under the latest signed header; check it offline with <code>zkinfer receipt verify</code> and the genesis.</li>
    <li><a href="{{apiHref}}">Registry record</a> and <a href="{{apiReceiptHref}}">receipt</a> as JSON.</li>
    </ul>
    <p class="note" id="descriptor-note">The chain holds this model’s registration only: its circuit digest and weights commitment, which together fix the model ID. The public descriptor (<code>.zkpub</code>) is not on the chain; get it from the model’s owner and check that <code>zkinfer inspect</code> reports this model ID.</p>
    {{/model}}

    """#

    static let datasets = pragma + #"""
    <h1>Datasets</h1>
    {{#hasDatasets}}
    <table id="datasets">
    <tr><th>Name</th><th>Items</th><th>Owner</th><th>Registered</th><th>Merkle root</th></tr>
    {{#datasets}}
    <tr><td>{{name}}</td><td>{{size}}</td><td class="hex">{{owner}}</td><td><a href="{{registeredHref}}">block {{registeredAt}}</a></td><td class="hex">{{merkleRoot}}</td></tr>
    {{/datasets}}
    </table>
    {{/hasDatasets}}
    {{^hasDatasets}}<p>No datasets registered.</p>{{/hasDatasets}}
    {{#datasetsTruncated}}<p>Showing the newest {{datasetShown}} of {{datasetTotal}}.</p>{{/datasetsTruncated}}
    <h2>Attestations</h2>
    <p>{{attestationTotal}} inference attestations on the chain{{^attestationsComplete}} (counted per model up to block {{attestationsIndexedTo}}; reload for more){{/attestationsComplete}}.</p>
    {{#hasAttestations}}
    <table id="attestations">
    <tr><th>Model</th><th>Model ID</th><th>Attestations</th></tr>
    {{#attestations}}
    <tr><td>{{#modelHref}}<a href="{{.}}">{{name}}</a>{{/modelHref}}{{^modelHref}}{{name}}{{/modelHref}}</td><td class="hex">{{modelID}}</td><td>{{count}}</td></tr>
    {{/attestations}}
    </table>
    {{/hasAttestations}}

    """#

    static let error = pragma + #"""
    <h1>{{code}} {{reason}}</h1>
    <p id="error-message">{{message}}</p>
    <p><a href="/">Back to the chain status</a></p>

    """#
}
