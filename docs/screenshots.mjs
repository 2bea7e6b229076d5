// Takes the README's pictures from a local Jenkins (mvn hpi:run) and the CertCentral simulator
// (mvn -f pom-core.xml -q test-compile exec:java@simulator). See docs/screenshots.md.
//
//   node docs/screenshots.mjs <simulator base URL> [Jenkins URL]
//
// Needs playwright-core (npm) and Debian's chromium; writes docs/images/*.png.
// PLAYWRIGHT_CORE: where npm installed it (e.g. /tmp/pw/node_modules/playwright-core/index.mjs)
const { chromium } = await import(process.env.PLAYWRIGHT_CORE ?? 'playwright-core');

const simulatorUrl = process.argv[2];
const jenkins = (process.argv[3] ?? 'http://localhost:8080/jenkins/').replace(/\/?$/, '/');
const API_KEY = 'sim-key-7f3a9c1e5b2d4f60a8e1c3b5d7f9a2c4'; // CertCentralSimulator.API_KEY: a test key, not a secret
if (!simulatorUrl) {
  console.error('usage: node docs/screenshots.mjs <simulator base URL> [Jenkins URL]');
  process.exit(2);
}

const setup = `
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import com.cloudbees.plugins.credentials.domains.Domain
import hudson.util.Secret
import io.jenkins.plugins.digicert.jenkins.*
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob

def j = jenkins.model.Jenkins.get()
SystemCredentialsProvider.getInstance().getStore().addCredentials(Domain.global(),
    new StringCredentialsImpl(CredentialsScope.GLOBAL, 'digicert-api-key', 'CertCentral API key',
        Secret.fromString('${API_KEY}')))
def config = DigicertGlobalConfiguration.get()
config.setRegion('CUSTOM')
config.setCustomUrl('${simulatorUrl}')
config.setPollFirstSeconds(2)
config.setPollMaxSeconds(2)
config.save()
def p = j.getItem('renew-cert') ?: j.createProject(WorkflowJob, 'renew-cert')
p.setDefinition(new CpsFlowDefinition('''node {
    def cert = digicertDuplicate credentialsId: 'digicert-api-key', orderId: '1234567', keyType: 'EC-P256'
    echo "issued \${cert.serialNumber}, valid until \${cert.notAfter}"
}''', true))
p.save()
def f = j.getItem('renew-cert-freestyle') ?: j.createProject(hudson.model.FreeStyleProject, 'renew-cert-freestyle')
def step = new DigicertDuplicateStep('digicert-api-key', '1234567')
step.setKeyType('RSA-2048')
f.getBuildersList().clear()
f.getBuildersList().add(new DigicertDuplicateBuilder(step))
f.save()
println 'ready'
`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
// A window taller than any of the pages: nothing scrolls under Jenkins' sticky header or Save bar.
const page = await browser.newPage({ viewport: { width: 1280, height: 4000 }, deviceScaleFactor: 1 });

async function crumbHeaders() {
  const response = await page.request.get(jenkins + 'crumbIssuer/api/json');
  if (!response.ok()) return {};
  const crumb = await response.json();
  return { [crumb.crumbRequestField]: crumb.crumb };
}

const script = await page.request.post(jenkins + 'scriptText', {
  form: { script: setup },
  headers: await crumbHeaders(),
});
console.log('setup:', (await script.text()).trim());

// 1. The Snippet Generator with digicertDuplicate.
await page.goto(jenkins + 'job/renew-cert/pipeline-syntax/');
const stepList = page.locator('select.dropdownList').first();
const stepValue = await stepList.locator('option', { hasText: 'digicertDuplicate' }).first().getAttribute('value');
await stepList.selectOption(stepValue);
await page.waitForTimeout(1500);
const credentials = page.locator('select[name="_.credentialsId"]').first();
await credentials.selectOption('digicert-api-key');
await page.locator('input[name="_.orderId"]').first().fill('1234567');
await page.locator('select[name="_.keyType"]').first().selectOption('EC-P256');
await page.getByRole('button', { name: 'Generate Pipeline Script' }).click();
await page.waitForFunction(() => [...document.querySelectorAll('textarea')].some((t) => t.value.startsWith('digicertDuplicate')));
await page.waitForTimeout(1500); // the order field's error outline fades out
const panel = await page.locator('#main-panel').boundingBox();
const snippet = await page.locator('textarea:visible').last().boundingBox();
await page.screenshot({ path: 'docs/images/snippet-generator.png',
  clip: { x: panel.x, y: panel.y, width: panel.width, height: snippet.y + snippet.height + 16 - panel.y } });

// 2. The freestyle job's build step.
await page.goto(jenkins + 'job/renew-cert-freestyle/configure');
await page.waitForTimeout(1500);
const buildStep = page.locator('.repeated-chunk', { hasText: 'Request a DigiCert duplicate certificate' }).first();
await buildStep.scrollIntoViewIfNeeded();
await buildStep.screenshot({ path: 'docs/images/freestyle-form.png' });

// 3. The global configuration section.
await page.goto(jenkins + 'manage/configure');
await page.waitForTimeout(1500);
const section = page.locator('section.jenkins-section', { hasText: 'DigiCert CertCentral' }).first();
await section.scrollIntoViewIfNeeded();
await section.screenshot({ path: 'docs/images/global-configuration.png' });

// 4. A build page with a duplicate: build the Pipeline job and wait for it.
await page.request.post(jenkins + 'job/renew-cert/build?delay=0sec', { headers: await crumbHeaders() });
let number = 0;
for (let i = 0; i < 120 && !number; i++) {
  await page.waitForTimeout(1000);
  const job = await (await page.request.get(jenkins + 'job/renew-cert/api/json?tree=lastCompletedBuild[number]')).json();
  number = job.lastCompletedBuild?.number ?? 0;
}
await page.goto(jenkins + 'job/renew-cert/' + number + '/');
await page.waitForTimeout(1000);
const row = page.locator('.digicert-duplicate').first();
await row.scrollIntoViewIfNeeded();
await page.locator('table:has(.digicert-duplicate)').first().screenshot({ path: 'docs/images/build-page.png' })
  .catch(() => row.screenshot({ path: 'docs/images/build-page.png' }));

await browser.close();
console.log('wrote docs/images/snippet-generator.png, freestyle-form.png, global-configuration.png, build-page.png');
