"""Payer mailing addresses: paper claims (CMS-1500 carrier block) and appeals, and a phone."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0014_journalline_claim'),
    ]

    operations = [
        migrations.AddField(
            model_name='payer',
            name='address_line1',
            field=models.CharField(blank=True, max_length=55),
        ),
        migrations.AddField(
            model_name='payer',
            name='address_line2',
            field=models.CharField(blank=True, max_length=55),
        ),
        migrations.AddField(
            model_name='payer',
            name='appeals_city',
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.AddField(
            model_name='payer',
            name='appeals_line1',
            field=models.CharField(blank=True, max_length=55, verbose_name='appeals address line 1'),
        ),
        migrations.AddField(
            model_name='payer',
            name='appeals_line2',
            field=models.CharField(blank=True, max_length=55, verbose_name='appeals address line 2'),
        ),
        migrations.AddField(
            model_name='payer',
            name='appeals_postal_code',
            field=models.CharField(blank=True, max_length=9, validators=[django.core.validators.RegexValidator('^\\d{5}(\\d{4})?$', 'a 5- or 9-digit ZIP code without dash')]),
        ),
        migrations.AddField(
            model_name='payer',
            name='appeals_state',
            field=models.CharField(blank=True, max_length=2, validators=[django.core.validators.RegexValidator('^[A-Z]{2}$', 'a two-letter US state code (e.g. NY)')]),
        ),
        migrations.AddField(
            model_name='payer',
            name='city',
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.AddField(
            model_name='payer',
            name='phone',
            field=models.CharField(blank=True, max_length=10, verbose_name='provider services phone'),
        ),
        migrations.AddField(
            model_name='payer',
            name='postal_code',
            field=models.CharField(blank=True, max_length=9, validators=[django.core.validators.RegexValidator('^\\d{5}(\\d{4})?$', 'a 5- or 9-digit ZIP code without dash')]),
        ),
        migrations.AddField(
            model_name='payer',
            name='state',
            field=models.CharField(blank=True, max_length=2, validators=[django.core.validators.RegexValidator('^[A-Z]{2}$', 'a two-letter US state code (e.g. NY)')]),
        ),
    ]
